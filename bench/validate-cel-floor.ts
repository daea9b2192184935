// How much of checking CRD objects with their CEL rules is the CEL library's own evaluation: the floor under
// validate.ts's "with rules / rules off" ratio. In one process, over the CRD objects of validate.ts, side by side in
// rounds: rules off and with rules (the built package, as validate.ts runs it); and the library alone — every rule's
// program run on the activations one validation pass gave it, in the same order. (rules off + library alone) / rules
// off is the ratio no conversion or bookkeeping of ours can go below (helpers/cel-calls.ts records the activations).
// validate.ts sets the same floor beside its per-process ratio.
//   npm run build && node --import tsx --expose-gc bench/validate-cel-floor.ts [COUNT] [ROUNDS]
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { sharedPath, sharedSkip } from '../test/helpers/shared.ts';
import { Validator } from '@kubegen/validation';
import { recordCalls, runCalls } from './helpers/cel-calls.ts';
import { crdFiles, manifests } from './helpers/manifests.ts';
import { type Measured, compare, pairedRatio } from './helpers/measure.ts';

if (sharedSkip) {
  console.log(`skipped: ${sharedSkip}`);
  process.exit(0);
}
const { crdObjects } = manifests(Number(process.argv[2] ?? 10_000));
const runs = Number(process.argv[3] ?? 15);

const crds = crdFiles.flatMap((f) =>
  YAML.parseAllDocuments(readFileSync(sharedPath('crds', f), 'utf8')).map((d) => d.toJS()),
);
const checker = (v: Pick<Validator, 'validate'>) => (rules: boolean) => {
  for (const o of crdObjects) if (!v.validate(o, { rules }).valid) throw new Error(`${o.kind} is invalid`);
  return crdObjects.length;
};
const validate = checker(new Validator().addCRDs(crds));

const { programs, calls } = recordCalls(crds, crdObjects);

const [off, on, library] = (await compare(
  [
    { name: 'rules off', run: async () => validate(false) },
    { name: 'with rules', run: async () => validate(true) },
    {
      name: 'the CEL library alone, same programs and activations',
      run: async () => {
        runCalls(programs, calls);
        return crdObjects.length;
      },
    },
  ],
  { warmup: 3, runs, expect: crdObjects.length },
)) as [Measured, Measured, Measured];

console.log(
  `${crdObjects.length} CRD objects, ${calls.length} rule evaluations a pass, ${runs} rounds, median ms a pass`,
);
console.log('| what | wall | CPU time |\n|---|---|---|');
for (const m of [off, on, library]) console.log(`| ${m.name} | ${m.median.toFixed(1)} | ${m.cpuMedian.toFixed(1)} |`);
const floor = (clock: 'ms' | 'cpu') => {
  const sums = off[clock].map((x, i) => x + library[clock][i]!);
  return pairedRatio(sums, off[clock]).toFixed(2);
};
console.log(
  `with rules / rules off: wall ${pairedRatio(on.ms, off.ms).toFixed(2)}×, CPU ${pairedRatio(on.cpu, off.cpu).toFixed(2)}×; ` +
    `floor (rules off + library alone) / rules off: wall ${floor('ms')}×, CPU ${floor('cpu')}× ` +
    '(one process, every case warm; per process, as users run a validator: bench/validate.ts)',
);
