// The fast tier's hand-written spec (test/fixtures/server/kubernetes-1.35-subset.yaml) against the real 1.35
// /openapi/v3: every path, operation, parameter and schema it has is there, named alike, with the same types and
// the same Kubernetes extensions. It may leave things out; it may not say anything the release does not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { fixtureSpecPaths } from '../helpers/server.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

type Doc = Record<string, any>;

const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** What both sides must agree on, keys sorted: no descriptions or defaults, a lone `allOf` folded into its `$ref`. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  let out: Doc = {};
  for (const k of Object.keys(value).sort())
    if (k !== 'description' && k !== 'default') out[k] = shape((value as Doc)[k]);
  if (Array.isArray(out.allOf) && out.allOf.length === 1) {
    const { allOf, ...rest } = out;
    out = { ...allOf[0], ...rest };
    out = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return out;
}

function releaseSpec(): { paths: Doc; schemas: Doc } {
  const root = sharedPath('specs', 'v3', 'kubernetes-1.35');
  const paths: Doc = {};
  const schemas: Doc = {};
  for (const file of readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(join(root, file), 'utf8')) as Doc;
    Object.assign(paths, doc.paths);
    Object.assign(schemas, doc.components?.schemas ?? {});
  }
  return { paths, schemas };
}

describe('the fast tier spec is a faithful subset of 1.35', { skip: sharedSkip }, () => {
  let ours: Doc;
  let real: { paths: Doc; schemas: Doc };
  before(() => {
    ours = parse(readFileSync(fixtureSpecPaths()[0]!, 'utf8'), { maxAliasCount: -1 }) as Doc;
    real = releaseSpec();
  });

  it('has only real operations, with their ids, actions, kinds, parameters, bodies and answers', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(ours.paths as Doc)) {
      const theirs = real.paths[path];
      if (!theirs) {
        problems.push(`${path}: not in 1.35`);
        continue;
      }
      for (const method of methods.filter((m) => item[m])) {
        const [op, other] = [item[method], theirs[method]];
        const at = `${method.toUpperCase()} ${path}`;
        if (!other) {
          problems.push(`${at}: not in 1.35`);
          continue;
        }
        for (const key of ['operationId', 'x-kubernetes-action', 'x-kubernetes-group-version-kind'])
          if (JSON.stringify(op[key]) !== JSON.stringify(other[key])) problems.push(`${at}: ${key} differs`);
        const params = (o: Doc, i: Doc) => [...(i.parameters ?? []), ...(o.parameters ?? [])] as Doc[];
        const known = new Map(params(other, theirs).map((p) => [`${p.in} ${p.name}`, JSON.stringify(shape(p.schema))]));
        for (const p of params(op, item)) {
          const schema = known.get(`${p.in} ${p.name}`);
          if (schema === undefined) problems.push(`${at}: no ${p.in} parameter ${p.name}`);
          else if (schema !== JSON.stringify(shape(p.schema))) problems.push(`${at}: parameter ${p.name} differs`);
        }
        for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Doc)) {
          const theirMedia = other.requestBody?.content?.[type];
          if (!theirMedia) problems.push(`${at}: no ${type} body`);
          else if (JSON.stringify(theirMedia.schema) !== JSON.stringify(media.schema))
            problems.push(`${at}: body differs`);
        }
        for (const [code, answer] of Object.entries(op.responses as Doc)) {
          const theirs = other.responses?.[code];
          if (!theirs) problems.push(`${at}: no ${code} answer`);
          const schemas = new Set(Object.values((theirs?.content ?? {}) as Doc).map((m) => JSON.stringify(m.schema)));
          for (const media of Object.values((answer.content ?? {}) as Doc))
            if (!schemas.has(JSON.stringify(media.schema))) problems.push(`${at}: ${code} answer differs`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has only real schemas and fields, with their types and extensions', () => {
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(ours.components.schemas as Doc)) {
      const theirs = real.schemas[name];
      if (!theirs) {
        problems.push(`${name}: not in 1.35`);
        continue;
      }
      for (const key of new Set([...Object.keys(schema), ...Object.keys(theirs)])) {
        if (['description', 'properties', 'required', 'x-kubernetes-group-version-kind'].includes(key)) continue;
        if (JSON.stringify(shape(schema[key])) !== JSON.stringify(shape(theirs[key])))
          problems.push(`${name}: ${key} differs`);
      }
      const gvks = new Set(((theirs['x-kubernetes-group-version-kind'] ?? []) as Doc[]).map((g) => JSON.stringify(g)));
      for (const gvk of (schema['x-kubernetes-group-version-kind'] ?? []) as Doc[])
        if (!gvks.has(JSON.stringify(gvk))) problems.push(`${name}: no kind ${JSON.stringify(gvk)}`);
      const fields = Object.keys(schema.properties ?? {});
      const required = ((theirs.required ?? []) as string[]).filter((f) => fields.includes(f));
      if (JSON.stringify([...(schema.required ?? [])].sort()) !== JSON.stringify(required.sort()))
        problems.push(`${name}: required differs`);
      for (const field of fields) {
        const theirField = theirs.properties?.[field];
        if (!theirField) problems.push(`${name}.${field}: not in 1.35`);
        else if (JSON.stringify(shape(schema.properties[field])) !== JSON.stringify(shape(theirField)))
          problems.push(`${name}.${field}: differs`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
