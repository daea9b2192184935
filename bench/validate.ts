// Validating 10,000 realistic manifests (Deployments, Services, ConfigMaps, Pods from the 1.35 spec;
// Gateways, HTTPRoutes and Certificates from the shared CRDs, with their CEL rules), side by side in one
// run with kubernetes-models' ajv validators (@kubernetes-models/validate) on the built-in kinds they
// cover. Prints objects per second (median of the rounds, min–max) by wall and CPU time, and the ratios.
// Each case runs in a process of its own, one per round, the order rotating, as users run one validator: the child
// builds its validator, validates the list once untimed (schemas compile lazily), then times PASSES passes.
// The engine is the built package, as kubegen and generated validators run it.
//   npm run build && node --import tsx bench/validate.ts [COUNT] [ROUNDS]
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { Validator } from '@kubegen/validation';
import { sharedPath, sharedSkip } from '../test/helpers/shared.ts';
import { type Obj, crdFiles, manifests } from './helpers/manifests.ts';
import { type Measured, median, pairedRatio } from './helpers/measure.ts';
import { inRounds } from './helpers/per-process.ts';

if (sharedSkip) {
  console.log(`skipped: ${sharedSkip}`);
  process.exit(0);
}
const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);

const { objects, builtinObjects, crdObjects } = manifests(count);

/** The cases: what each validates, and how it builds its check (in the child, so only its own code loads). */
const cases: { name: string; list: Obj[]; check: () => Promise<(o: Obj) => void> }[] = [
  { name: `kubegen, all ${objects.length} (structural + metadata + CEL)`, list: objects, check: async () => ours() },
  { name: 'kubegen, built-in kinds', list: builtinObjects, check: async () => ours() },
  { name: 'kubernetes-models (ajv), same built-in kinds', list: builtinObjects, check: peer },
  { name: 'kubegen, CRD objects, rules off', list: crdObjects, check: async () => ours({ rules: false }) },
  { name: 'kubegen, CRD objects, with CEL', list: crdObjects, check: async () => ours() },
];
const PASSES = 3;

function ours(options: { rules?: boolean } = {}): (o: Obj) => void {
  const v = new Validator().addOpenAPI(
    JSON.parse(readFileSync(sharedPath('specs', 'v2', 'kubernetes-1.35.json'), 'utf8')),
  );
  for (const f of crdFiles) {
    v.addCRDs(YAML.parseAllDocuments(readFileSync(sharedPath('crds', f), 'utf8')).map((d) => d.toJS()));
  }
  return (o) => {
    const result = v.validate(o, options);
    if (!result.valid) throw new Error(`${o.kind} ${JSON.stringify(result.errors)}`);
  };
}

async function peer(): Promise<(o: Obj) => void> {
  const [{ Deployment }, { ConfigMap }, { Pod }, { Service }] = await Promise.all([
    import('kubernetes-models/apps/v1/Deployment'),
    import('kubernetes-models/v1/ConfigMap'),
    import('kubernetes-models/v1/Pod'),
    import('kubernetes-models/v1/Service'),
  ]);
  const models: Record<string, new (o: Obj) => { validate(): void }> = { Deployment, Service, ConfigMap, Pod } as never;
  return (o) => new models[o.kind as string]!(o).validate();
}

/** In a child: one case, its list validated once untimed, then PASSES passes timed. */
async function child(index: number): Promise<void> {
  const { list, check } = cases[index]!;
  const validate = await check();
  for (const o of list) validate(o);
  (globalThis as { gc?: () => void }).gc?.();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let pass = 0; pass < PASSES; pass++) for (const o of list) validate(o);
  const ms = (performance.now() - start) / PASSES;
  const used = process.cpuUsage(cpuStart);
  console.log(JSON.stringify({ ms, cpu: (used.user + used.system) / 1000 / PASSES }));
}

const CHILD = 'KUBEGEN_BENCH_VALIDATE_CASE';
if (process.env[CHILD] !== undefined) {
  await child(Number(process.env[CHILD]));
  process.exit(0);
}

const run = promisify(execFile);
const script = new URL(import.meta.url).pathname;
const results = await inRounds(
  cases.map((_, i) => i),
  runs,
  async (i) => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(count)], {
      env: { ...process.env, [CHILD]: String(i) },
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; cpu: number };
  },
);
const [mixed, builtinOurs, builtinPeer, crdNoRules, crdRules] = cases.map((c, i): Measured => {
  const rounds = results.get(i)!;
  const ms = rounds.map((r) => r.ms);
  const cpu = rounds.map((r) => r.cpu);
  return { name: c.name, ms, median: median(ms), cpu, cpuMedian: median(cpu) };
});
const rate = (m: Measured, size: number, clock: 'ms' | 'cpu') => {
  const xs = m[clock].map((t) => size / (t / 1000));
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return `${n(median(xs))} (${n(Math.min(...xs))}–${n(Math.max(...xs))})`;
};
console.log(
  `objects: ${objects.length} (${builtinObjects.length} built-in, ${crdObjects.length} CRD objects with CEL rules), ${runs} rounds of one process per case, median (min–max)`,
);
console.log('| what | objects/s, wall | objects/s, CPU time |\n|---|---|---|');
for (const [m, size] of [
  [mixed, objects.length],
  [builtinOurs, builtinObjects.length],
  [builtinPeer, builtinObjects.length],
  [crdNoRules, crdObjects.length],
  [crdRules, crdObjects.length],
] as const)
  console.log(`| ${m!.name} | ${rate(m!, size, 'ms')} | ${rate(m!, size, 'cpu')} |`);
const ratio = (a: Measured, b: Measured, clock: 'ms' | 'cpu') => {
  const xs = a[clock].map((x, r) => x / b[clock][r]!);
  return `${pairedRatio(a[clock], b[clock]).toFixed(2)}× (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
};
console.log(
  `structural, kubegen's speed vs kubernetes-models': wall ${ratio(builtinPeer!, builtinOurs!, 'ms')}, CPU ${ratio(builtinPeer!, builtinOurs!, 'cpu')} (target ≥ 1)`,
);
console.log(
  `CEL on objects with rules, time with rules / rules off: wall ${ratio(crdRules!, crdNoRules!, 'ms')}, CPU ${ratio(crdRules!, crdNoRules!, 'cpu')} (target ≤ 2)`,
);
