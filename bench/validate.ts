// Validating 10,000 realistic manifests (Deployments, Services, ConfigMaps, Pods from the 1.35 spec;
// Gateways, HTTPRoutes and Certificates from the shared CRDs, with their CEL rules), side by side in one
// run with kubernetes-models' ajv validators (@kubernetes-models/validate) on the built-in kinds they
// cover. Prints objects per second (median of the rounds, min–max) by wall and CPU time, and the ratios.
// Each case runs in a process of its own, one per round, the order rotating, as users run one validator: the child
// builds its validator, validates the list once (schemas and rules compile lazily), then times PASSES passes.
// The engine is the built package, as kubegen and generated validators run it.
// CEL's ratio is set beside its floor in the same kind of process: rules off plus the CEL library alone compiling
// the rules a pass reaches and running them on the activations that pass gave them (recorded untimed, before the
// rounds). A second table splits CEL's cost in a fresh process: compiling rules, the first pass, the passes after.
//   npm run build && node --import tsx bench/validate.ts [COUNT] [ROUNDS]
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ParseResult } from '@marcbachmann/cel-js';
import YAML from 'yaml';
import { Validator } from '@kubegen/validation';
import { sharedPath, sharedSkip } from '../test/helpers/shared.ts';
import type { Recorded } from './helpers/cel-calls.ts';
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

/** What a child times: `prepare` (when a case has one) once, a first pass, then PASSES passes. */
interface Run {
  prepare?: () => void;
  pass: () => void;
}
const each = (list: Obj[], validate: (o: Obj) => void): Run => ({ pass: () => list.forEach(validate) });
const CRD_KINDS = new Set(crdObjects.map((o) => o.kind as string));

/** The cases: what each validates, and how it builds its run (in the child, so only its own code loads). */
const cases: { name: string; list: Obj[]; run: () => Promise<Run> }[] = [
  {
    name: `kubegen, all ${objects.length} (structural + metadata + CEL)`,
    list: objects,
    run: async () => each(objects, ours().check),
  },
  { name: 'kubegen, built-in kinds', list: builtinObjects, run: async () => each(builtinObjects, ours().check) },
  {
    name: 'kubernetes-models (ajv), same built-in kinds',
    list: builtinObjects,
    run: async () => each(builtinObjects, await peer()),
  },
  {
    name: 'kubegen, CRD objects, rules off',
    list: crdObjects,
    run: async () => each(crdObjects, ours({ rules: false }).check),
  },
  { name: 'kubegen, CRD objects, with CEL', list: crdObjects, run: async () => each(crdObjects, ours().check) },
  {
    name: 'kubegen, CRD objects, with CEL, all their kinds’ rules compiled first',
    list: crdObjects,
    run: async () => {
      const { validator, check } = ours();
      return { prepare: () => validator.compileRules((gvk) => CRD_KINDS.has(gvk.kind)), ...each(crdObjects, check) };
    },
  },
  {
    name: 'floor: rules off + the CEL library alone (same rules, same activations)',
    list: crdObjects,
    run: async () => {
      const { check } = ours({ rules: false });
      // Loaded here, not at the top: no other child loads the sources' validator the recording needs.
      const { compileAlone, readCalls, runCalls } = await import('./helpers/cel-calls.ts');
      const { sources, calls } = readCalls(process.env[CALLS]!);
      let programs: ParseResult[] = [];
      return {
        prepare: () => {
          programs = compileAlone(sources);
        },
        pass: () => {
          crdObjects.forEach(check);
          runCalls(programs, calls);
        },
      };
    },
  },
];
const PASSES = 3;
const CALLS = 'KUBEGEN_BENCH_VALIDATE_CALLS';

function ours(options: { rules?: boolean } = {}): { validator: Validator; check: (o: Obj) => void } {
  const v = new Validator().addOpenAPI(
    JSON.parse(readFileSync(sharedPath('specs', 'v2', 'kubernetes-1.35.json'), 'utf8')),
  );
  v.addCRDs(crds());
  return {
    validator: v,
    check: (o) => {
      const result = v.validate(o, options);
      if (!result.valid) throw new Error(`${o.kind} ${JSON.stringify(result.errors)}`);
    },
  };
}

function crds(): unknown[] {
  return crdFiles.flatMap((f) =>
    YAML.parseAllDocuments(readFileSync(sharedPath('crds', f), 'utf8')).map((d) => d.toJS()),
  );
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

interface Timed {
  ms: number;
  cpu: number;
}
export interface ChildResult {
  /** `prepare`, when the case has one. */
  prepare: Timed;
  /** The first pass: schemas compile, and rules not compiled before, as it reaches them. */
  first: Timed;
  /** A pass after the first, the mean of PASSES. */
  pass: Timed;
}

function timed(f: () => void, times = 1): Timed {
  (globalThis as { gc?: () => void }).gc?.();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < times; i++) f();
  const ms = (performance.now() - start) / times;
  const used = process.cpuUsage(cpuStart);
  return { ms, cpu: (used.user + used.system) / 1000 / times };
}

/** In a child: one case, prepared, its first pass, then PASSES passes. */
async function child(index: number): Promise<void> {
  const run = await cases[index]!.run();
  const prepare = run.prepare ? timed(run.prepare) : { ms: 0, cpu: 0 };
  const first = timed(run.pass);
  const pass = timed(run.pass, PASSES);
  console.log(JSON.stringify({ prepare, first, pass } satisfies ChildResult));
}

const CHILD = 'KUBEGEN_BENCH_VALIDATE_CASE';
if (process.env[CHILD] !== undefined) {
  await child(Number(process.env[CHILD]));
  process.exit(0);
}

const run = promisify(execFile);
const script = new URL(import.meta.url).pathname;
// The floor's activations: recorded from one pass of the sources' validator, untimed, before any child starts.
const workDir = fileURLToPath(new URL('.work/', import.meta.url));
mkdirSync(workDir, { recursive: true });
const callsFile = join(workDir, `validate-cel-calls-${process.pid}.bin`);
const crdDocs = crds();
const { recordCalls, writeCalls } = await import('./helpers/cel-calls.ts');
const { Validator: SourceValidator } = await import('../validation/index.ts');
const recorded = recordCalls(crdDocs, crdObjects);
writeCalls(callsFile, recorded);
let results: Map<number, ChildResult[]>;
try {
  results = await inRounds(
    cases.map((_, i) => i),
    runs,
    async (i) => {
      const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(count)], {
        env: { ...process.env, [CHILD]: String(i), [CALLS]: callsFile },
        maxBuffer: 1 << 20,
      });
      return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
    },
  );
} finally {
  rmSync(callsFile, { force: true });
}
/** Each case's rounds of one phase (or of a sum of phases). */
const phase = (i: number, of: (r: ChildResult) => Timed): Measured => {
  const rounds = results.get(i)!.map(of);
  const ms = rounds.map((r) => r.ms);
  const cpu = rounds.map((r) => r.cpu);
  return { name: cases[i]!.name, ms, median: median(ms), cpu, cpuMedian: median(cpu) };
};
const [mixed, builtinOurs, builtinPeer, crdNoRules, crdRules, crdCompiled, floor] = cases.map((_, i) =>
  phase(i, (r) => r.pass),
) as Measured[];
const rate = (m: Measured, size: number, clock: 'ms' | 'cpu') => {
  const xs = m[clock].map((t) => size / (t / 1000));
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return `${n(median(xs))} (${n(Math.min(...xs))}–${n(Math.max(...xs))})`;
};
console.log(
  `objects: ${objects.length} (${builtinObjects.length} built-in, ${crdObjects.length} CRD objects with CEL rules), ${runs} rounds of one process per case, median (min–max); a pass after the first`,
);
console.log('| what | objects/s, wall | objects/s, CPU time |\n|---|---|---|');
for (const [m, size] of [
  [mixed, objects.length],
  [builtinOurs, builtinObjects.length],
  [builtinPeer, builtinObjects.length],
  [crdNoRules, crdObjects.length],
  [crdRules, crdObjects.length],
  [crdCompiled, crdObjects.length],
  [floor, crdObjects.length],
] as const)
  console.log(`| ${m!.name} | ${rate(m!, size, 'ms')} | ${rate(m!, size, 'cpu')} |`);
const ratio = (a: Measured, b: Measured, clock: 'ms' | 'cpu') => {
  const xs = a[clock].map((x, r) => x / b[clock][r]!);
  return `${pairedRatio(a[clock], b[clock]).toFixed(2)}× (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
};
const both = (a: Measured, b: Measured) => `wall ${ratio(a, b, 'ms')}, CPU ${ratio(a, b, 'cpu')}`;
console.log(`structural, kubegen's speed vs kubernetes-models': ${both(builtinPeer!, builtinOurs!)} (target ≥ 1)`);
console.log(`CEL on objects with rules, time with rules / rules off: ${both(crdRules!, crdNoRules!)} (target ≤ 2)`);
console.log(`  its floor, (rules off + the CEL library alone) / rules off: ${both(floor!, crdNoRules!)}`);
console.log(`  with rules / the floor: ${both(crdRules!, floor!)}`);
printFirstUse(recorded, new SourceValidator().addCRDs(crdDocs).compileRules((gvk) => CRD_KINDS.has(gvk.kind)).length);

/** Where CEL's first use goes in a fresh process: compiling rules, the first evaluations, and passes after. */
function printFirstUse({ calls, sources }: Recorded, upFront: number): void {
  const [off, on, compiled, alone] = [3, 4, 5, 6];
  const sum =
    (...of: ((r: ChildResult) => Timed)[]) =>
    (r: ChildResult) => ({
      ms: of.reduce((t, f) => t + f(r).ms, 0),
      cpu: of.reduce((t, f) => t + f(r).cpu, 0),
    });
  const prepare = (r: ChildResult) => r.prepare;
  const first = (r: ChildResult) => r.first;
  const pass = (r: ChildResult) => r.pass;
  const ms = (m: Measured) => `${m.median.toFixed(1)} / ${m.cpuMedian.toFixed(1)}`;
  console.log(
    `\nCEL in a fresh process, CRD objects (${sources.length} rules reached, ${calls.length} evaluations a pass; up front: the ${upFront} rules of their kinds): median ms, wall / CPU`,
  );
  console.log('| what | compile up front | first pass | a pass after |\n|---|---|---|---|');
  for (const i of [off, on, compiled, alone])
    console.log(`| ${cases[i]!.name} | ${ms(phase(i, prepare))} | ${ms(phase(i, first))} | ${ms(phase(i, pass))} |`);
  const whole = sum(prepare, first);
  console.log(
    `first pass, rules compiled on the way, with rules / rules off: ${both(phase(on, first), phase(off, first))}; ` +
      `its floor, (rules off + the library compiling and running the rules) / rules off: ${both(phase(alone, whole), phase(off, first))}; ` +
      `with rules / the floor: ${both(phase(on, first), phase(alone, whole))}`,
  );
}
