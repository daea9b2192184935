// Every command reads its inputs through the same options (spec files, CRD manifests, a release, a cluster), and a
// bad input ends in one line that says what to do. Commands run in-process through the CLI's own program.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { kubegenProgram } from '../../cli/program.ts';
import { modelText } from '../../cli/commands/model.ts';
import { releaseFiles, startReleaseMirror, type ReleaseMirror } from '../helpers/release-mirror.ts';
import { projectRoot } from '../helpers/shared.ts';

const spec = join(projectRoot, 'examples', 'widgets-api.yaml');
const crdGroups = join(projectRoot, 'test', 'fixtures', 'crd-groups');
const tinyRelease = join(projectRoot, 'test', 'fixtures', 'release', 'v3');
const work = join(projectRoot, 'test', '.work', `cli-inputs-${process.pid}`);

/** Parses `kubegen ARGS` in-process; resolves when the command's action does, rejects with its error. */
async function run(args: string[]): Promise<void> {
  const program = await kubegenProgram();
  for (const command of [program, ...program.commands]) command.exitOverride();
  await program.parseAsync(['node', 'kubegen', ...args]);
}

async function failure(args: string[]): Promise<string> {
  const err = await run(args).then(
    () => assert.fail(`kubegen ${args.join(' ')} succeeded`),
    (e: unknown) => e as Error,
  );
  assert.doesNotMatch(err.message, /\n/, 'one line');
  return err.message;
}

const inputOptions = (command: Command) =>
  command.options
    .filter((o) => ['--spec', '--crd', '--kubernetes', '--server', '--kubeconfig', '--context'].includes(o.long ?? ''))
    .map((o) => `${o.flags}: ${o.description}`);

describe('input options', () => {
  before(() => mkdirSync(work, { recursive: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('generate, model, serve and validate take the same --spec, --crd, --kubernetes and cluster options', async () => {
    const commands = (await kubegenProgram()).commands;
    const of = (name: string) => inputOptions(commands.find((c) => c.name() === name)!);
    assert.equal(of('generate').length, 6);
    for (const name of ['model', 'serve', 'validate']) assert.deepEqual(of(name), of('generate'), name);
  });

  it('model reads CRD manifests alone', async () => {
    const crd = [join(crdGroups, 'a-b.example.com.yaml'), join(crdGroups, 'a.b.example.com.yaml')];
    const text = await modelText({ crd, schemas: true });
    assert.match(text, /^a-b\.example\.com\/v1 \(\/apis\/a-b\.example\.com\/v1\)\n {2}widgets Widget namespaced: /m);
    assert.match(text, /^a\.b\.example\.com\/v1 /m);
    const model = JSON.parse(await modelText({ crd, json: true, schemas: false }));
    assert.deepEqual(
      model.groups.map((g: { name: string }) => g.name),
      ['a-b.example.com', 'a.b.example.com'],
    );
  });

  it('model reads spec files and CRDs together', async () => {
    const text = await modelText({ spec: [spec], crd: [join(crdGroups, 'a.b.example.com.yaml')], schemas: true });
    assert.match(text, /^core\/v1 /m);
    assert.match(text, /^a\.b\.example\.com\/v1 /m);
  });

  it('files and a cluster at once: refused naming the options typed', async () => {
    assert.equal(
      await failure(['model', '--spec', spec, '--server', 'http://127.0.0.1:1']),
      '--server reads a cluster, and --spec reads files: give one source or the other (leave out --server or --spec)',
    );
  });

  it('a release and spec files at once: refused, saying --crd adds to either', async () => {
    assert.equal(
      await failure(['model', '--kubernetes', '1.35', '--spec', spec]),
      '--kubernetes reads a release, and --spec reads files: give one source or the other (leave out --kubernetes or --spec); --crd adds to either',
    );
  });

  it("a config file's spec plus --server: the config key and the flag are named, not flags never typed", async () => {
    const config = join(work, 'kubegen.config.json');
    writeFileSync(config, JSON.stringify({ spec: spec, out: join(work, 'out') }));
    const message = await failure(['generate', '--config', config, '--server', 'http://127.0.0.1:1']);
    assert.match(message, /^--server reads a cluster, and "spec" in \S*kubegen\.config\.json reads files: /);
    assert.doesNotMatch(message, /--spec/);
  });

  it('serve --spec of a missing file: the file, and what is wrong with it', async () => {
    assert.equal(
      await failure(['serve', '--spec', 'no-such-spec.json']),
      'no-such-spec.json: cannot read the spec: no such file or folder',
    );
  });

  it('serve --kubeconfig beside --spec says which option writes a kubeconfig', async () => {
    assert.match(
      await failure(['serve', '--spec', spec, '--kubeconfig', join(work, 'out.yaml')]),
      /^--kubeconfig reads a cluster, and --spec reads files: .*; --write-kubeconfig FILE writes a kubeconfig that reaches this server$/,
    );
  });

  it('a truncated spec: the file, line and column, with no stray #', async () => {
    const truncated = join(work, 'truncated.json');
    writeFileSync(
      truncated,
      readFileSync(join(projectRoot, 'test', 'fixtures', 'emit', 'hostile.json'), 'utf8').slice(0, 200),
    );
    const message = await failure(['model', '--spec', truncated]);
    assert.match(message, /truncated\.json:\d+:\d+: invalid JSON: /);
    assert.doesNotMatch(message, /#/);
  });

  it('serve given a cluster stands in for it: what its /openapi/v3 lists, at its version', async () => {
    const { startApiServer } = await import('../../server/index.ts');
    const { servedInputs } = await import('../../cli/serve-inputs.ts');
    const cluster = await startApiServer({ specs: [spec], crds: [join(crdGroups, 'a.b.example.com.yaml')] });
    try {
      const inputs = await servedInputs({ server: cluster.url });
      const standIn = await startApiServer(inputs.options).finally(inputs.remove);
      try {
        const index = (await (await fetch(`${cluster.url}/openapi/v3`)).json()) as { paths: object };
        assert.ok(Object.keys(index.paths).includes('apis/a.b.example.com/v1'));
        for (const path of Object.keys(index.paths)) {
          const answer = await fetch(`${standIn.url}/${path}`);
          assert.equal(answer.status, 200, path);
        }
        assert.deepEqual(
          await (await fetch(`${standIn.url}/version`)).json(),
          await (await fetch(`${cluster.url}/version`)).json(),
        );
        assert.ok(!existsSync(inputs.options.specs[0]!), 'the copy of the specs is removed once served');
      } finally {
        await standIn.stop();
      }
    } finally {
      await cluster.stop();
    }
  });

  describe('a Kubernetes release', () => {
    let mirror: ReleaseMirror;
    const saved = { specs: process.env.KUBEGEN_KUBERNETES_SPECS, cache: process.env.XDG_CACHE_HOME };
    before(async () => {
      mirror = await startReleaseMirror({ 'v1.90.0': () => releaseFiles({ v3: tinyRelease }) });
      process.env.KUBEGEN_KUBERNETES_SPECS = mirror.url;
      process.env.XDG_CACHE_HOME = join(work, 'cache');
    });
    after(async () => {
      await mirror.stop();
      for (const [key, value] of [
        ['KUBEGEN_KUBERNETES_SPECS', saved.specs],
        ['XDG_CACHE_HOME', saved.cache],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    });

    it('model reads it, with CRDs', async () => {
      const text = await modelText({
        kubernetes: '1.90',
        crd: [join(crdGroups, 'a.b.example.com.yaml')],
        schemas: true,
      });
      assert.match(text, /^core\/v1 /m);
      assert.match(text, /^example\.dev\/v1 /m);
      assert.match(text, /^a\.b\.example\.com\/v1 /m);
    });

    it('serve stands in for it, at its version', async () => {
      const { startApiServer } = await import('../../server/index.ts');
      const { servedInputs } = await import('../../cli/serve-inputs.ts');
      const inputs = await servedInputs({ kubernetes: '1.90' });
      const server = await startApiServer(inputs.options).finally(inputs.remove);
      try {
        const version = (await (await fetch(`${server.url}/version`)).json()) as { gitVersion: string };
        assert.equal(version.gitVersion, 'v1.90.0');
        const index = (await (await fetch(`${server.url}/openapi/v3`)).json()) as { paths: object };
        assert.deepEqual(Object.keys(index.paths).sort(), ['api/v1', 'apis/example.dev/v1']);
        assert.equal((await fetch(`${server.url}/apis/example.dev/v1`)).status, 200);
      } finally {
        await server.stop();
      }
    });
  });

  describe('https:// to a server that answers plain HTTP', () => {
    let server: Server;
    let port: number;
    before(async () => {
      server = createServer((_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('one line that names the http:// URL to use', async () => {
      const message = await failure(['model', '--server', `https://127.0.0.1:${port}`]);
      assert.equal(
        message,
        `cannot read the cluster at https://127.0.0.1:${port}: get GET /version: the server answers plain HTTP, not TLS: its URL is http://127.0.0.1:${port}`,
      );
    });
  });
});
