// `kubegen serve`: prints the URL first, serves until SIGTERM/SIGINT, exits 0; TLS with a written kubeconfig (with a
// token, or without auth), CRDs preloaded from a folder.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { kubectl, kubectlSkip } from '../helpers/kubectl.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';

const cli = join(projectRoot, 'cli', 'main.ts');

function serve(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', () => reject(new Error(`serve exited early: ${err}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, exit };
}

describe('kubegen serve', { skip: sharedSkip }, () => {
  mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
  const dir = mkdtempSync(join(projectRoot, 'test', '.work', 'serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its URL first, serves, and exits 0 on SIGTERM', async () => {
    const [v2, v3] = sharedSpecPaths();
    const s = serve(['--spec', v2!, '--spec', v3!, '--port', '0']);
    const url = await s.firstLine;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const version = (await (await fetch(`${url}/version`)).json()) as { gitVersion: string };
    assert.match(version.gitVersion, /^v1\.35\./);
    s.child.kill('SIGTERM');
    assert.equal(await s.exit, 0);
  });

  it('serves HTTPS with a token and writes a kubeconfig kubectl can use', { skip: kubectlSkip }, async () => {
    const [, v3] = sharedSpecPaths();
    const kubeconfig = join(dir, 'kubeconfig');
    const s = serve(['--spec', v3!, '--tls', '--token', 'sekret', '--write-kubeconfig', kubeconfig]);
    assert.match(await s.firstLine, /^https:\/\/127\.0\.0\.1:\d+$/);
    // Written before the URL is printed: usable at once.
    const r = await kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /namespace\/default/);
    s.child.kill('SIGINT');
    assert.equal(await s.exit, 0);
  });

  it('serves HTTPS without auth and a folder of CRDs; its kubeconfig works without a prompt', {
    skip: kubectlSkip,
  }, async () => {
    const [, v3] = sharedSpecPaths();
    const kubeconfig = join(dir, 'kubeconfig-open');
    const s = serve([
      '--spec',
      v3!,
      '--tls',
      '--crd',
      sharedPath('crds', 'cert-manager'),
      '--write-kubeconfig',
      kubeconfig,
    ]);
    await s.firstLine;
    // No stdin: kubectl would fail at its username prompt if the user entry had no credential.
    const r = await kubectl(['get', 'crd', '-o', 'name'], { kubeconfig, input: '' });
    assert.equal(r.code, 0, r.stderr);
    const names = r.stdout.trim().split('\n').sort();
    const folder = sharedPath('crds', 'cert-manager');
    const defined = readdirSync(folder).flatMap((f) =>
      parseAllDocuments(readFileSync(join(folder, f), 'utf8')).map(
        (d) => (d.toJS() as { metadata: { name: string } }).metadata.name,
      ),
    );
    assert.deepEqual(names, defined.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n}`).sort());
    const issuers = await kubectl(['get', 'issuers.cert-manager.io', '-A'], { kubeconfig, input: '' });
    assert.equal(issuers.code, 0, issuers.stderr);
    s.child.kill('SIGTERM');
    assert.equal(await s.exit, 0);
  });

  it('names the --crd path that finds no manifest', async () => {
    const [v2] = sharedSpecPaths();
    const s = serve(['--spec', v2!, '--crd', join(dir, 'no-such-folder')]);
    await assert.rejects(s.firstLine, /--crd .*no-such-folder: no such file or folder/);
    assert.equal(await s.exit, 1);
  });

  it('refuses a bad port with a clear error', async () => {
    const [v2] = sharedSpecPaths();
    const s = serve(['--spec', v2!, '--port', 'http']);
    await assert.rejects(s.firstLine, /--port: not a port number: http/);
    assert.equal(await s.exit, 1);
  });
});
