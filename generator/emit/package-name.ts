// `--package NAME[@VERSION]`, where both may name the Kubernetes release the package is generated for:
// `@acme/k8s-{minor}` gives `@acme/k8s-35` for v1.35.2, so one app installs the clients of several releases side
// by side under their own names. Placeholders are Kubernetes' own parts of a version (x.y.z: major, minor, patch).

export interface PackageName {
  name: string;
  version: string;
}

/** The parts of a release a package name or version may use, without the `v` and any build suffix. */
export interface ReleaseParts {
  major: string;
  minor: string;
  patch: string;
  version: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PARTS: ReadonlySet<string> = new Set(['major', 'minor', 'patch', 'version']);
const NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;
/** Stands in for the release when a template is checked before the inputs are read. */
const SAMPLE: ReleaseParts = { major: '1', minor: '35', patch: '0', version: '1.35.0' };

/**
 * `v1.35.2`, `1.35`, `v1.36.0-rc.1`, or a cluster's `v1.30.4-eks-a737599` → its parts (`1`, `35`, `2`, and the
 * version `1.35.2`; a Kubernetes pre-release keeps its `-rc.1`, a vendor's suffix goes); undefined for what names
 * no release (`unversioned`).
 */
export function releaseParts(release: string): ReleaseParts | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+)(-(?:alpha|beta|rc)\.\d+(?![\w.-]))?)?/.exec(release.trim());
  if (!m) return undefined;
  const [major, minor, patch] = [m[1]!, m[2]!, m[3] ?? '0'].map((n) => String(Number(n))) as [string, string, string];
  return { major, minor, patch, version: `${major}.${minor}.${patch}${m[4] ?? ''}` };
}

/** Checks a `--package` value before any input is read: its placeholders, and its name and version as a release fills them. */
export function checkPackageSpec(spec: string): void {
  resolvePackageSpec(spec, SAMPLE);
}

/** True when the value names the release (so the release must be known to build it). */
export function namesRelease(spec: string): boolean {
  return spec.match(PLACEHOLDER) !== null || !hasVersion(spec);
}

/**
 * The package name and version, the release's parts put in; the version defaults to `{version}`, the release.
 * Errors say what is wrong with the value as given.
 */
export function resolvePackageSpec(spec: string, release: ReleaseParts | undefined): PackageName {
  const at = spec.lastIndexOf('@');
  const [nameTemplate, versionTemplate] = hasVersion(spec)
    ? [spec.slice(0, at), spec.slice(at + 1)]
    : [spec, '{version}'];
  for (const [, part] of spec.matchAll(PLACEHOLDER)) {
    if (!PARTS.has(part!))
      throw new Error(
        `--package ${spec}: unknown placeholder {${part}} (expected {major}, {minor}, {patch} or {version})`,
      );
  }
  if (!release && namesRelease(spec))
    throw new Error(
      `--package ${spec}: the inputs do not name their Kubernetes release, which the ${hasVersion(spec) ? 'placeholders need' : 'package version defaults to'}: use --kubernetes 1.NN, read a cluster, or write NAME@VERSION without placeholders`,
    );
  const fill = (template: string) => template.replace(PLACEHOLDER, (_, part: keyof ReleaseParts) => release![part]);
  const name = fill(nameTemplate);
  const version = fill(versionTemplate);
  if (!NAME.test(name) || name.length > 214)
    throw new Error(`--package ${spec}: "${name}" is not a valid npm package name`);
  if (!SEMVER.test(version))
    throw new Error(`--package ${spec}: "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`);
  return { name, version };
}

/** `name@version`, `@scope/name@version`: an `@` after the first character starts the version. */
function hasVersion(spec: string): boolean {
  return spec.lastIndexOf('@') > 0;
}
