// The direct emitter against the conversion it stands in for, over every declaration and every client fragment of
// every shared spec and CRD set: the same text and the same references resolved in the same order, wherever it
// writes one; and it writes nearly all of them (what it leaves to the conversion is counted).
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { ApiModel, Schema } from '../../core/model/types.ts';
import { planModules } from '../../generator/emit/plan.ts';
import { prepare } from '../../generator/emit/schema.ts';
import { declarationInputs, prepareSchemas } from '../../generator/emit/types.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { type Tally, sameDeclaration, sameFragment, tally } from '../helpers/direct-compare.ts';
import { sharedCrdFiles } from '../helpers/e2e-crds.ts';
import { modelFromCrds } from '../helpers/models.ts';
import { sharedPath, sharedSkip, sharedSpecs } from '../helpers/shared.ts';
import { toolchainLoadedBy } from '../helpers/toolchain-loads.ts';

function compareDeclarations(model: ApiModel): Tally {
  const t = tally();
  const prepared = prepareSchemas(model);
  const plan = planModules(model, 'js', prepared.nested);
  for (const mod of [plan.meta, ...plan.groupVersions])
    for (const d of declarationInputs(model, mod, prepared)) sameDeclaration(t, d);
  return t;
}

/** Every schema a client's signatures are written from: parameters, request bodies, 2xx answers and their members. */
function fragmentSchemas(model: ApiModel): Schema[] {
  const out: Schema[] = [];
  for (const op of model.operations) {
    for (const p of [...op.pathParams, ...op.queryParams]) out.push(p.schema);
    if (op.requestBody) out.push(op.requestBody.schema);
    for (const r of Object.values(op.responses))
      if (r.schema) out.push(r.schema, ...(Array.isArray(r.schema.oneOf) ? r.schema.oneOf : []));
  }
  return out;
}

function compareFragments(model: ApiModel): Tally {
  const t = tally();
  const seen = new Set<string>();
  for (const schema of fragmentSchemas(model)) {
    const prepared = prepare(schema, { has: (n) => n in model.schemas }, '#');
    const key = JSON.stringify(prepared);
    if (!seen.has(key)) sameFragment(t, prepared);
    seen.add(key);
  }
  return t;
}

function report(t: TestContext, what: string, tally: Tally): void {
  const left = tally.left.length ? ` (left: ${tally.left.slice(0, 3).join(', ')})` : '';
  t.diagnostic(`${what}: ${tally.direct} of ${tally.all} written directly${left}`);
  assert.ok(tally.direct >= tally.all * 0.99, `${what}: only ${tally.direct} of ${tally.all} written directly`);
}

async function compareModel(t: TestContext, model: ApiModel): Promise<void> {
  report(t, 'declarations', compareDeclarations(model));
  report(t, 'fragments', compareFragments(model));
}

describe('direct emitter against the conversion: every shared spec and CRD set', { skip: sharedSkip }, () => {
  const specs = sharedSpecs();
  for (const [format, paths] of [
    ['v2', specs.v2],
    ['v3', specs.v3],
  ] as const)
    for (const spec of paths)
      it(`${format} ${basename(spec)}`, async (t) => compareModel(t, await modelFromSpecs([spec])));

  it('every CRD set, one project at a time and all together', async (t) => {
    const files = sharedCrdFiles();
    const crds = sharedPath('crds');
    const projects = readdirSync(crds, { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const project of projects) {
      const prefix = join(crds, project.name) + sep;
      t.diagnostic(project.name);
      await compareModel(t, await modelFromCrds(files.filter((f) => f.startsWith(prefix))));
    }
    t.diagnostic('all projects');
    await compareModel(t, await modelFromCrds(files));
  });

  it('a run over Kubernetes 1.35 or over every CRD set loads neither the compiler nor openapi-typescript', async () => {
    assert.deepEqual(await toolchainLoadedBy(['--spec', sharedPath('specs', 'v2', 'kubernetes-1.35.json')]), []);
    assert.deepEqual(await toolchainLoadedBy(['--crd', sharedPath('crds')]), []);
  });
});
