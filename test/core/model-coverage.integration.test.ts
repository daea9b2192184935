// Acceptance 1 (model half): for every shared spec, `kubegen model --json` — the command itself, built — accounts
// for every (method, path) of the spec exactly once across `operations` and `skipped`, and only non-resource
// endpoints are skipped. The expected (method, path) pairs, and each operation's group, version, resource,
// subresource and verb, are read here straight from the raw documents, not from the model.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** What the raw spec says about one (method, path). */
interface RawOperation {
  operationId?: string;
  action?: string;
  gvk?: { group: string; version: string; kind: string };
}

/** Every (method, path) of a v2 file or a v3 folder, keyed `METHOD path`. */
function rawOperations(spec: string): Map<string, RawOperation> {
  const out = new Map<string, RawOperation>();
  for (const file of jsonFiles(spec)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      paths?: Record<string, Record<string, Record<string, unknown>>>;
    };
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        out.set(`${method.toUpperCase()} ${path}`, {
          operationId: op.operationId as string | undefined,
          action: op['x-kubernetes-action'] as string | undefined,
          gvk: op['x-kubernetes-group-version-kind'] as RawOperation['gvk'],
        });
      }
    }
  }
  return out;
}

function jsonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => jsonFiles(join(path, name)).filter((f) => f.endsWith('.json')));
}

/** The non-resource endpoints kube-apiserver serves: discovery, /version, /logs, issuer discovery and keys. */
const NON_RESOURCE = [
  /^\/api\/?$/,
  /^\/api\/[^/]+\/?$/,
  /^\/apis\/?$/,
  /^\/apis\/[^/]+\/?$/,
  /^\/apis\/[^/]+\/[^/]+\/?$/,
  /^\/version\/?$/,
  /^\/logs(\/.*)?$/,
  /^\/\.well-known\//,
  /^\/openid\//,
];

/** Group, version, resource and subresource as the path spells them (`/apis/<g>/<v>[/watch][/namespaces/{namespace}]/<r>[/{name}[/<sub>]]`). */
function expectedFromPath(path: string): { group: string; version: string; resource: string; subresource?: string } {
  const m = /^\/(?:api\/(?<coreVersion>[^/]+)|apis\/(?<group>[^/]+)\/(?<version>[^/]+))\/(?<rest>.+)$/.exec(path);
  assert.ok(m?.groups, `${path} is not under /api/<v> or /apis/<g>/<v>`);
  let segs = m.groups.rest!.split('/').filter(Boolean);
  if (segs[0] === 'watch') segs = segs.slice(1);
  if (segs[0] === 'namespaces' && segs[1] === '{namespace}' && segs.length > 2) segs = segs.slice(2);
  const out: { group: string; version: string; resource: string; subresource?: string } = {
    group: m.groups.group ?? 'core',
    version: m.groups.version ?? m.groups.coreVersion!,
    resource: segs[0]!,
  };
  if (segs[2] !== undefined) out.subresource = segs[2];
  return out;
}

/** `x-kubernetes-action` → the Kubernetes verb RBAC and discovery use. */
const VERB_OF_ACTION: Record<string, string> = {
  get: 'get',
  list: 'list',
  put: 'update',
  patch: 'patch',
  post: 'create',
  delete: 'delete',
  deletecollection: 'deletecollection',
  watch: 'watch',
  watchlist: 'watch',
  connect: 'connect',
};

interface ModelJson {
  operations: {
    method: string;
    path: string;
    operationId: string;
    group: string;
    version: string;
    resource: string;
    subresource?: string;
    verb: string;
    kind?: RawOperation['gvk'];
  }[];
  skipped: { method: string; path: string; reason: string }[];
}

async function modelJson(spec: string): Promise<ModelJson> {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'model', '--spec', spec, '--json'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ModelJson;
}

describe('kubegen model --json: every (method, path) of every shared spec', { skip: sharedSkip }, () => {
  const specs = sharedSpecs();
  for (const [format, paths] of [
    ['v2', specs.v2],
    ['v3', specs.v3],
  ] as const) {
    for (const spec of paths) {
      it(`${format} ${basename(spec)}: once in operations or skipped, with its fields from the spec`, async () => {
        const raw = rawOperations(spec);
        const model = await modelJson(spec);
        assert.ok(raw.size > 500, `a whole Kubernetes spec (${raw.size} endpoints)`);

        const seen = new Map<string, number>();
        for (const e of [...model.operations, ...model.skipped])
          seen.set(`${e.method} ${e.path}`, (seen.get(`${e.method} ${e.path}`) ?? 0) + 1);
        assert.deepEqual(
          [...raw.keys()].filter((k) => !seen.has(k)),
          [],
          'endpoints of the spec missing from the model',
        );
        assert.deepEqual(
          [...seen.keys()].filter((k) => !raw.has(k)),
          [],
          'endpoints in the model that the spec does not have',
        );
        assert.deepEqual(
          [...seen].filter(([, n]) => n > 1).map(([k]) => k),
          [],
          'endpoints listed more than once',
        );

        for (const s of model.skipped) {
          assert.ok(
            NON_RESOURCE.some((re) => re.test(s.path)),
            `${s.method} ${s.path} skipped, but it is not a non-resource endpoint (${s.reason})`,
          );
          assert.equal(
            raw.get(`${s.method} ${s.path}`)!.action,
            undefined,
            `${s.method} ${s.path} skipped, but the spec gives it an x-kubernetes-action`,
          );
          assert.match(s.reason, /\S/);
        }
        for (const op of model.operations) {
          const where = `${op.method} ${op.path}`;
          const r = raw.get(where)!;
          assert.equal(op.operationId, r.operationId, `${where}: operationId`);
          assert.ok(r.action, `${where}: a resource operation has an x-kubernetes-action in the spec`);
          assert.equal(op.verb, VERB_OF_ACTION[r.action], `${where}: verb for action ${r.action}`);
          const want = expectedFromPath(op.path);
          assert.deepEqual(
            { group: op.group, version: op.version, resource: op.resource, subresource: op.subresource },
            { subresource: undefined, ...want },
            `${where}: group, version, resource, subresource`,
          );
          if (r.gvk && !op.subresource) assert.deepEqual(op.kind, r.gvk, `${where}: kind`);
        }
        // Both kinds of entry are there: the spec's discovery endpoints are skipped, the rest are operations.
        assert.ok(
          model.skipped.some((s) => s.path === '/api/v1/'),
          'core/v1 discovery is listed as skipped',
        );
        assert.ok(model.operations.length > raw.size / 2);
      });
    }
  }
});
