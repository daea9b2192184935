// `kubegen generate` reading a live cluster (the in-memory API server on the shared 1.35 specs with CRDs installed):
// v3 index with hashes and bounded concurrency, the /openapi/v2 fallback, /version in the output, CRD storage and
// deprecation notes, filters, and the same code from the cluster as from the CRD files.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';
import { sharedSpecPaths } from '../helpers/server.ts';
import { cli, generatedCode, kubegen } from '../helpers/build.ts';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { typecheck } from '../helpers/typecheck.ts';
import { readCrdFiles } from '../../core/source/crd/manifests.ts';

const work = join(projectRoot, 'test', '.work', `build-cluster-${process.pid}`);

/** `script` (util-linux) runs a command on a pseudo-terminal; without it the terminal test is skipped. */
const scriptSkip = (() => {
  try {
    execFileSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'script(1) is not available to give the CLI a terminal';
  }
})();

/** A pass-through proxy that records the requests, how many group-version documents were in flight at once, and can hide /openapi/v3. */
async function recordingProxy(
  target: string,
  options: { hideV3?: boolean; rewrite?: (path: string, body: Record<string, unknown>) => void } = {},
) {
  const seen: string[] = [];
  let documentsInFlight = 0;
  let maxDocumentsInFlight = 0;
  const server: Server = createServer(async (req, res) => {
    seen.push(req.url ?? '');
    if (options.hideV3 && req.url?.startsWith('/openapi/v3')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
          message: 'the server could not find the requested resource',
        }),
      );
      return;
    }
    const document = /^\/openapi\/v3\/.+/.test(req.url ?? '');
    if (document) maxDocumentsInFlight = Math.max(maxDocumentsInFlight, ++documentsInFlight);
    try {
      const upstream = await fetch(target + req.url, { headers: { accept: req.headers.accept ?? 'application/json' } });
      let body = Buffer.from(await upstream.arrayBuffer());
      if (options.rewrite && upstream.ok && req.url?.startsWith('/openapi/v3/')) {
        const doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        options.rewrite(req.url, doc);
        body = Buffer.from(JSON.stringify(doc));
      }
      res
        .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
        .end(body);
    } finally {
      if (document) documentsInFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** The most group-version documents (not the index, /version or CRD lists) fetched at once. */
    maxDocumentsInFlight: () => maxDocumentsInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('kubegen generate from a cluster', { skip: sharedSkip }, () => {
  let api: ApiServer;
  let crdFiles: string[] = [];

  before(async () => {
    mkdirSync(work, { recursive: true });
    crdFiles = [
      ...globSync('cert-manager/*.yaml', { cwd: sharedPath('crds'), absolute: true }),
      ...globSync('gateway-api/experimental/*.yaml', { cwd: sharedPath('crds'), absolute: true }),
    ].sort();
    api = await startApiServer({ specs: sharedSpecPaths(), crds: crdFiles });
  });
  after(async () => {
    await api?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('fetches the v3 index, then every group-version through its ?hash= URL, a bounded few at a time', async () => {
    const proxy = await recordingProxy(api.url);
    try {
      const out = join(work, 'all');
      const r = await kubegen(['generate', '--server', proxy.url, '--out', out, '--concurrency', '3']);
      assert.equal(r.code, 0, r.stderr);
      const docs = proxy.seen.filter((u) => /^\/openapi\/v3\/.+/.test(u));
      const index = (await (await fetch(`${api.url}/openapi/v3`)).json()) as {
        paths: Record<string, { serverRelativeURL: string }>;
      };
      const expected = Object.entries(index.paths)
        .filter(([p]) => p === 'api/v1' || /^apis\/[^/]+\/[^/]+$/.test(p))
        .map(([, e]) => e.serverRelativeURL);
      assert.deepEqual([...docs].sort(), [...expected].sort());
      assert.ok(
        docs.every((u) => /\?hash=[0-9A-Fa-f]+/.test(u)),
        "documents are fetched through the index's hashed URLs",
      );
      assert.ok(
        proxy.maxDocumentsInFlight() <= 3,
        `at most 3 documents in flight, saw ${proxy.maxDocumentsInFlight()}`,
      );
      assert.ok(proxy.seen.includes('/version'));
      // Not a terminal: one plain summary line, then the result; no progress bar escapes.
      assert.match(
        r.stdout,
        new RegExp(
          `^kubegen: read ${expected.length} OpenAPI v3 document\\(s\\) from ${proxy.url} \\(Kubernetes v1\\.35\\.0\\)\\nkubegen: wrote \\d+ files to `,
        ),
        r.stdout,
      );
      assert.doesNotMatch(r.stdout, /\u001b\[/);
      const header = readFileSync(join(out, 'apps', 'v1.ts'), 'utf8')
        .split('\n')
        .slice(0, 2);
      assert.match(header[0]!, /^\/\/ Generated by kubegen \S+ from an OpenAPI spec\.$/);
      assert.equal(header[1], '// Read from a cluster serving Kubernetes v1.35.0.');
      const stamp = JSON.parse(readFileSync(join(out, '.kubegen-stamp.json'), 'utf8')) as {
        serverVersion: string;
        specHash: string;
      };
      assert.equal(stamp.serverVersion, 'v1.35.0');
      // The spec's hash is the stamp's, not the header's: a file changes only when what it is made from does.
      assert.match(stamp.specHash, /^[0-9a-f]{64}$/);
      assert.ok(!header[0]!.includes(stamp.specHash));
    } finally {
      await proxy.close();
    }
  });

  it('takes the concurrency from a config file', async () => {
    const proxy = await recordingProxy(api.url);
    const config = join(work, 'one-at-a-time.json');
    writeFileSync(config, JSON.stringify({ server: proxy.url, out: join(work, 'one-at-a-time'), concurrency: 1 }));
    try {
      const r = await kubegen(['generate', '--config', config]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(proxy.seen.filter((u) => /^\/openapi\/v3\/.+/.test(u)).length > 1);
      assert.equal(proxy.maxDocumentsInFlight(), 1, 'one document in flight at a time');
    } finally {
      await proxy.close();
    }
  });
  it('produces the same types and clients as the 1.35 spec plus the same CRD files', async () => {
    const fromCluster = join(work, 'all');
    const fromFiles = join(work, 'files');
    const r = await kubegen([
      'generate',
      '--spec',
      sharedPath('specs', 'v3', 'kubernetes-1.35'),
      ...crdFiles.flatMap((f) => ['--crd', f]),
      '--out',
      fromFiles,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const a = generatedCode(fromCluster);
    const b = generatedCode(fromFiles);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, text] of a) assert.ok(text === b.get(path), `${path} differs between cluster and files`);
    assert.ok(a.has('cert-manager.io/v1.ts') && a.has('gateway.networking.k8s.io/v1alpha2.ts'));
  });

  it('notes storage and deprecation from the served CRD objects when the OpenAPI does not say them', async () => {
    // kube-apiserver publishes a CRD's schema without kubegen's notes: take them out, as a real cluster would serve it.
    let stripped = 0;
    const note = /^(\S+ is the storage version of \S+\.|@deprecated [\s\S]*|\S+ is served by \S+ as \S+\.)$/;
    const proxy = await recordingProxy(api.url, {
      rewrite: (_path, doc) => {
        const schemas =
          (doc.components as { schemas?: Record<string, { description?: string }> } | undefined)?.schemas ?? {};
        for (const schema of Object.values(schemas)) {
          if (typeof schema.description !== 'string') continue;
          const kept = schema.description.split('\n\n').filter((p) => !note.test(p));
          if (kept.join('\n\n') === schema.description) continue;
          stripped++;
          if (kept.length) schema.description = kept.join('\n\n');
          else delete schema.description;
        }
      },
    });
    try {
      const out = join(work, 'stripped');
      const r = await kubegen(['generate', '--server', proxy.url, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(stripped > 10, `notes taken out of ${stripped} schemas`);
      assert.ok(proxy.seen.includes('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'));
      const a = generatedCode(out);
      const b = generatedCode(join(work, 'files'));
      for (const [path, text] of a)
        assert.ok(text === b.get(path), `${path} differs between the cluster and the files`);
    } finally {
      await proxy.close();
    }
  });

  it('--crds-only keeps the custom groups, notes storage and deprecated versions in JSDoc, and compiles', async () => {
    const out = join(work, 'crds-only');
    const r = await kubegen(['generate', '--server', api.url, '--crds-only', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const groups = [...generatedCode(out).keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]);
    assert.deepEqual([...new Set(groups)].sort(), [
      'acme.cert-manager.io',
      'cert-manager.io',
      'gateway.networking.k8s.io',
      'gateway.networking.x-k8s.io',
    ]);
    const alpha2 = readFileSync(join(out, 'gateway.networking.k8s.io', 'v1alpha2.ts'), 'utf8');
    assert.match(
      alpha2,
      /@deprecated The v1alpha2 version of TLSRoute has been deprecated and will be removed in a future release of the API\. Please upgrade to v1\./,
    );
    const [tlsroutes] = await readCrdFiles(crdFiles.filter((f) => f.endsWith('_tlsroutes.yaml')));
    const storage = tlsroutes!.crd.spec.versions.find((v) => v.storage)!.name;
    for (const v of tlsroutes!.crd.spec.versions.filter((x) => x.served)) {
      const text = readFileSync(join(out, 'gateway.networking.k8s.io', `${v.name}.ts`), 'utf8');
      const note = `${v.name} is the storage version of tlsroutes.gateway.networking.k8s.io.`;
      assert.equal(text.includes(note), v.name === storage, `${v.name}: storage note`);
    }
    assert.deepEqual(typecheck(out), []);
  });

  it('--include and --exclude keep exactly the named group-versions and resources', async () => {
    const out = join(work, 'filtered');
    const r = await kubegen([
      'generate',
      '--server',
      api.url,
      '--include',
      'apps/v1',
      '--include',
      'core/v1/pods',
      '--include',
      'certificates.cert-manager.io',
      '--exclude',
      'apps/v1/replicasets',
      '--out',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const files = [...generatedCode(out).keys()];
    assert.deepEqual(files, ['apps/v1.ts', 'cert-manager.io/v1.ts', 'core/v1.ts', 'index.ts', 'meta.ts', 'support.ts']);
    const core = readFileSync(join(out, 'core', 'v1.ts'), 'utf8');
    assert.match(core, /\bpods\b/);
    assert.doesNotMatch(core, /\bservices\s*[:(]/);
    const apps = readFileSync(join(out, 'apps', 'v1.ts'), 'utf8');
    assert.match(apps, /\bdeployments\b/);
    assert.doesNotMatch(apps, /\breplicasets\b/);
    const certs = readFileSync(join(out, 'cert-manager.io', 'v1.ts'), 'utf8');
    assert.doesNotMatch(certs, /\bissuers\b/);
    assert.deepEqual(typecheck(out), []);
  });

  it('draws a progress bar when stdout is a terminal', { skip: scriptSkip }, async () => {
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    const out = join(work, 'tty');
    const command = [process.execPath, cli, 'generate', '--server', api.url, '--include', 'apps', '--out', out]
      .map((a) => `'${a}'`)
      .join(' ');
    const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { maxBuffer: 16 << 20 });
    const index = (await (await fetch(`${api.url}/openapi/v3`)).json()) as { paths: Record<string, unknown> };
    const total = Object.keys(index.paths).filter((p) => p === 'api/v1' || /^apis\/[^/]+\/[^/]+$/.test(p)).length;
    assert.match(stdout, new RegExp(`fetching OpenAPI \\[[^\\]]*\\] ${total}/${total} `));
    assert.match(stdout, /kubegen: read \d+ OpenAPI v3 document\(s\) from /);
  });

  it('falls back to /openapi/v2 when the cluster has no /openapi/v3', async () => {
    const proxy = await recordingProxy(api.url, { hideV3: true });
    try {
      const out = join(work, 'v2');
      const r = await kubegen(['generate', '--server', proxy.url, '--include', 'apps/v1', '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(proxy.seen.includes('/openapi/v2'));
      assert.match(r.stdout, /read 1 OpenAPI v2 document\(s\) from .* \(Kubernetes v1\.35\.0\)/);
      assert.deepEqual([...generatedCode(out).keys()], ['apps/v1.ts', 'index.ts', 'meta.ts', 'support.ts']);
      assert.match(readFileSync(join(out, 'apps', 'v1.ts'), 'utf8'), /\bdeployments\b/);
      assert.deepEqual(typecheck(out), []);
    } finally {
      await proxy.close();
    }
  });
});
