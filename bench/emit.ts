// The direct emitter beside the conversion it stands in for (openapi-typescript and the compiler's printer), on
// every declaration of Kubernetes 1.35 (v2) and of the shared CRDs, in this process: the first round pays for
// loading and warming both, later rounds are printed as min–max milliseconds of CPU time and the ratio.
//   node --import tsx bench/emit.ts [--rounds 5]
import { parseArgs } from 'node:util';
import type { ApiModel } from '../core/model/types.ts';
import { declarationText } from '../generator/emit/convert.ts';
import { directDeclaration } from '../generator/emit/direct.ts';
import { planModules } from '../generator/emit/plan.ts';
import { type DeclarationInput, declarationInputs, prepareSchemas } from '../generator/emit/types.ts';
import { modelFromSpecs } from '../generator/pipeline/generate.ts';
import { sharedCrdFiles } from '../test/helpers/e2e-crds.ts';
import { modelFromCrds } from '../test/helpers/models.ts';
import { sharedPath } from '../test/helpers/shared.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

function inputs(model: ApiModel): DeclarationInput[] {
  const prepared = prepareSchemas(model);
  const plan = planModules(model, 'js', prepared.nested);
  return [plan.meta, ...plan.groupVersions].flatMap((mod) => declarationInputs(model, mod, prepared));
}

/** CPU milliseconds of writing every declaration once. */
function cpuMs(all: DeclarationInput[], write: (d: DeclarationInput) => string | undefined): number {
  const start = process.cpuUsage();
  for (const d of all) write(d);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const resolve = (target: string) => target.slice(target.lastIndexOf('.') + 1).replace(/\W/g, '_');
const direct = (d: DeclarationInput) => directDeclaration(d.id, d.schema, d.doc, resolve);
const converted = (d: DeclarationInput) => declarationText(d.id, d.schema, d.doc, resolve, d.key);

const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

for (const [name, model] of [
  ['kubernetes 1.35 (v2)', await modelFromSpecs([sharedPath('specs', 'v2', 'kubernetes-1.35.json')])],
  ['shared CRDs', await modelFromCrds(sharedCrdFiles())],
] as const) {
  const all = inputs(model);
  const times = { direct: [] as number[], converted: [] as number[] };
  for (let round = 0; round <= rounds; round++) {
    const d = cpuMs(all, direct);
    const c = cpuMs(all, converted);
    if (round === 0) continue;
    times.direct.push(d);
    times.converted.push(c);
  }
  const ratio = Math.min(...times.converted) / Math.min(...times.direct);
  console.log(
    `${name}: ${all.length} declarations; direct ${range(times.direct)} ms, conversion ${range(times.converted)} ms CPU; conversion/direct ${ratio.toFixed(1)}×`,
  );
}
