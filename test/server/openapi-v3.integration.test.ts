// /openapi/v3 made from a release's v2 spec is the release's own /openapi/v3 (but for the struct defaults v2 never
// carried), and what users of a server given the v2 spec alone read from it: kubectl explain, and a client
// generated from the cluster.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { v3FromV2 } from '../../server/openapi/v3.ts';
import { kubegen } from '../helpers/build.ts';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';

type Doc = Record<string, unknown>;

/** A schema without `default`s, a lone `allOf` folded back into its `$ref`: what v2 and v3 both say. */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'default')
      .map(([k, v]) => [k, withoutDefaults(v)]),
  );
  const allOf = out.allOf;
  if (Object.keys(out).length === 1 && Array.isArray(allOf) && allOf.length === 1) return allOf[0];
  return out;
}

function v3Folder(minor: number): Map<string, Doc> {
  const root = sharedPath('specs', 'v3', `kubernetes-1.${minor}`);
  const docs = new Map<string, Doc>();
  for (const file of readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.json')) continue;
    docs.set(
      file
        .replace(/\.json$/, '')
        .split('\\')
        .join('/'),
      JSON.parse(readFileSync(join(root, file), 'utf8')),
    );
  }
  return docs;
}

describe('v3 documents made from a release v2 spec', { skip: sharedSkip }, () => {
  for (const minor of [33, 35]) {
    it(`1.${minor}: the release's own documents, path for path and schema for schema`, () => {
      const v2 = JSON.parse(readFileSync(sharedPath('specs', 'v2', `kubernetes-1.${minor}.json`), 'utf8')) as Doc;
      const made = v3FromV2(v2);
      const real = v3Folder(minor);
      assert.ok(real.size > 20);
      for (const [path, doc] of real) {
        const ours = made.get(path);
        assert.ok(ours, `no document for ${path}`);
        assert.equal(ours.openapi, doc.openapi);
        assert.deepEqual(ours.paths, doc.paths, path);
        const schemas = (d: Doc) => (d.components as { schemas: Doc }).schemas;
        assert.deepEqual(Object.keys(schemas(ours)).sort(), Object.keys(schemas(doc)).sort(), path);
        assert.deepEqual(withoutDefaults(schemas(ours)), withoutDefaults(schemas(doc)), path);
        assert.deepEqual((ours.components as Doc).securitySchemes, (doc.components as Doc).securitySchemes, path);
      }
      // Beside the group-versions, the documents the index lists for the rest of the paths.
      for (const path of ['api', 'apis', 'apis/apps', 'version']) assert.ok(made.has(path), path);
    });
  }
});

describe('kubectl against a server given a v2 spec alone', { skip: sharedSkip || kubectlSkip }, () => {
  const s = suiteKubectlSession({ specs: [sharedPath('specs', 'v2', 'kubernetes-1.35.json')] });

  it('explains deployments from /openapi/v3', async () => {
    const r = await s.run(['explain', 'deployment.spec.strategy']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /GROUP:\s+apps/);
    assert.match(r.stdout, /rollingUpdate/);
  });
});

describe('a client generated from a server given a v2 spec alone', { skip: sharedSkip }, () => {
  let server: ApiServer;
  let out: string;
  before(async () => {
    server = await startApiServer({ specs: [sharedPath('specs', 'v2', 'kubernetes-1.35.json')] });
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    out = mkdtempSync(join(projectRoot, 'test', '.work', 'from-v2-'));
  });
  after(async () => {
    await server?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('has every built-in group-version, read from /openapi/v3', async () => {
    const r = await kubegen(['generate', '--server', server.url, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /OpenAPI v3 document/);
    assert.doesNotMatch(r.stderr, /warning/);
    const files = readdirSync(out, { recursive: true }) as string[];
    for (const file of ['core/v1.ts', 'apps/v1.ts', 'batch/v1.ts', 'autoscaling/v2.ts'])
      assert.ok(files.includes(file), `${file} is missing from ${files.join(', ')}`);
  });
});
