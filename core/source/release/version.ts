// Which tag a `--kubernetes` value names: a minor release (`1.35`) is its first tag, `v1.35.0`; a patch (`1.35.2`,
// `v1.35.2`, or a pre-release such as `1.36.0-rc.1`) is that tag.

const RELEASE = /^v?(\d+)\.(\d+)(?:\.(\d+)(-(?:alpha|beta|rc)\.\d+)?)?$/;

export function releaseTag(value: string): string {
  const m = RELEASE.exec(value.trim());
  if (!m) throw new Error(`--kubernetes ${value}: expected a Kubernetes release such as 1.35 or 1.35.2`);
  return `v${Number(m[1])}.${Number(m[2])}.${m[3] === undefined ? 0 : Number(m[3])}${m[4] ?? ''}`;
}
