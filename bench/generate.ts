// Generation side by side with openapi-typescript 6 and 7 converting the same Kubernetes 1.35 v3 documents to
// types alone, every run a fresh process as a build step runs it: kubegen cold (an empty cache folder), warm (the
// cache holding an earlier build of the same inputs) and warm without that build (its conversions only); the
// example, 1 / 10 / 36 group-versions, the 157 shared CRDs, a regeneration after one CRD changes, and a no-op. Every
// case runs once per round, the order rotating; printed are the min–max over rounds of wall time, CPU time (user +
// system of the child) and peak RSS, and the ratios. The 1.35 cold case also prints its stages (KUBEGEN_PROFILE): its
// own work is every stage after start (which boots node, loads modules and reads and hashes the inputs) less the
// floor of parsing the spec files (done as the model builder takes each, in `normalize`): the decoding and JSON.parse
// of the same bytes, timed in a process of its own in each round;
// the share of it that loads the model builder and the emitter (the `load` stage) is printed beside it.
//   npm run build && node --import tsx bench/generate.ts [--rounds 3] [--only crds,1.35]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, sharedPath } from '../test/helpers/shared.ts';
import { median } from './helpers/measure.ts';
import { documents, peerScript, USAGE_HOOK } from './helpers/peers.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, only: { type: 'string' } } });
const rounds = Number(values.rounds);
const only = values.only?.split(',');
const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'kubegen-bench-'));
const v3 = sharedPath('specs', 'v3', 'kubernetes-1.35');
const crds = sharedPath('crds');

interface Case {
  name: string;
  /** Untimed, before each run: empties the output, resets the cache or changes an input. */
  prepare?: () => void;
  args: string[];
  env?: Record<string, string>;
  /** What the run must print (checked after the warm-up run): that it took the path it is meant to measure. */
  prints?: RegExp;
  /** Documents whose decoding and parsing is the floor under the run's own work: the run prints its stages. */
  floorOf?: string[];
}

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
  /** With `floorOf`: the wall ms of the stages after start, of the load stage, and of the floor. */
  own?: { stages: number; load: number; floor: number };
}

/**
 * Decodes and parses each file as kubegen's read stage does once the bytes are in memory, keeping every document as
 * a reader must until it has used them (dropped at once, they would cost the collector nothing); prints the wall ms.
 */
const FLOOR =
  `const{readFileSync}=await import('node:fs');const b=JSON.parse(process.env.BENCH_ARGS).map((f)=>readFileSync(f));` +
  `const t=performance.now();const d=b.map((x)=>JSON.parse(x.toString('utf8')));console.log(performance.now()-t,d.length)`;

function run(c: Case): Sample {
  c.prepare?.();
  const usage = join(work, 'usage.json');
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', USAGE_HOOK, ...c.args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      KUBEGEN_CACHE: '1',
      BENCH_USAGE: usage,
      ...c.env,
      ...(c.floorOf ? { KUBEGEN_PROFILE: '1' } : {}),
    },
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`${c.name}: exit ${child.status}\n${child.stderr}`);
  if (c.prints && !c.prints.test(child.stdout)) throw new Error(`${c.name}: expected ${c.prints} in\n${child.stdout}`);
  const { cpu, rss } = JSON.parse(readFileSync(usage, 'utf8')) as { cpu: number; rss: number };
  return { wall, cpu, rss, ...(c.floorOf ? { own: ownWork(c, child.stderr, c.floorOf) } : {}) };
}

/** The stages a profiled run printed, and the floor of parsing its documents measured just after it. */
function ownWork(c: Case, stderr: string, files: string[]): NonNullable<Sample['own']> {
  const stages = new Map([...stderr.matchAll(/profile (\w+) +(\d+) /g)].map((m) => [m[1]!, Number(m[2])]));
  if (!stages.has('start') || !stages.has('read')) throw new Error(`${c.name}: no stages in\n${stderr}`);
  const after = [...stages].filter(([stage]) => stage !== 'start' && stage !== 'total');
  const floor = spawnSync(process.execPath, ['--input-type=module', '-e', FLOOR], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_ARGS: JSON.stringify(files) },
  });
  if (floor.status !== 0) throw new Error(`read floor: exit ${floor.status}\n${floor.stderr}`);
  return {
    stages: after.reduce((sum, [, ms]) => sum + ms, 0),
    load: stages.get('load') ?? 0,
    floor: Number(floor.stdout.split(' ')[0]),
  };
}

/** A folder of links to the first `count` documents, laid out as the original (the data stays where it is). */
function subset(count: number): string {
  const dir = join(work, `v3-${count}`);
  for (const doc of documents(v3).slice(0, count)) {
    const link = join(dir, relative(v3, doc));
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(doc, link);
  }
  return dir;
}

/** The shared CRDs as links, but one file a copy whose first plain description changes on every call. */
function changingCrds(): { dir: string; change: () => void } {
  const dir = join(work, 'crds-changing');
  const files = readdirSync(crds, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const changed = files.find((f) => f.includes('cert-manager')) ?? files[0]!;
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    if (f !== changed) symlinkSync(join(crds, f), join(dir, f));
  }
  const original = readFileSync(join(crds, changed), 'utf8');
  let n = 0;
  const change = () => {
    n++;
    writeFileSync(join(dir, changed), original.replace(/^(\s+description: )([A-Za-z])/m, `$1Round${n} $2`));
  };
  change();
  return { dir, change };
}

const out = (name: string) => join(work, 'out', name);
const fresh = (name: string) => () => rmSync(out(name), { recursive: true, force: true });
const warmCache = join(work, 'cache-warm');
const coldCache = join(work, 'cache-cold');
// The records of input files' sizes and times live in the OS temp folder when no node_modules is above the output: a
// cold run has a temp folder of its own, emptied before each run, or it would find them and read the files again later.
const coldTmp = join(work, 'tmp-cold');
const cold = (name: string) => () => {
  fresh(name)();
  rmSync(coldCache, { recursive: true, force: true });
  rmSync(coldTmp, { recursive: true, force: true });
  mkdirSync(coldTmp);
};
const generate = (name: string, inputs: string[], extra: string[] = []) => [
  cli,
  'generate',
  ...inputs,
  '--out',
  out(name),
  ...extra,
];
const example = ['--spec', join(projectRoot, 'examples', 'widgets-api.yaml')];
const one = ['--spec', subset(1)];
const ten = ['--spec', subset(10)];
const full = ['--spec', v3];
const allCrds = ['--crd', crds];
const changing = changingCrds();

const kubegenCases = (label: string, name: string, inputs: string[], rebuilt = false, floorOf?: string[]): Case[] => [
  {
    name: `${label}: kubegen cold`,
    prepare: cold(name),
    args: generate(name, inputs),
    env: { XDG_CACHE_HOME: coldCache, TMPDIR: coldTmp },
    ...(floorOf ? { floorOf } : {}),
  },
  {
    name: `${label}: kubegen warm`,
    prepare: fresh(name),
    args: generate(name, inputs),
    env: { XDG_CACHE_HOME: warmCache },
  },
  // Warm, but without the whole build in the cache (a cache of its own, whose builds are removed before each run):
  // every conversion is found, everything else is done again.
  ...(rebuilt
    ? [
        {
          name: `${label}: kubegen warm, build not cached`,
          prepare: () => {
            fresh(name)();
            rmSync(join(work, `cache-${name}`, 'kubegen', 'builds'), { recursive: true, force: true });
          },
          args: generate(name, inputs),
          env: { XDG_CACHE_HOME: join(work, `cache-${name}`) },
        },
      ]
    : []),
];
const peer = (name: string, pkg: string, v7: boolean): Case => ({
  name,
  prepare: () => {
    fresh(name)();
    mkdirSync(out(name), { recursive: true });
  },
  args: ['--input-type=module', '-e', peerScript(pkg, v7)],
  env: { BENCH_ARGS: JSON.stringify([out(name), ...documents(v3)]) },
});

const groups: Record<string, Case[]> = {
  '1.35': [
    ...kubegenCases('1.35 (36 group-versions)', '1.35', full, true, documents(v3)),
    peer('1.35: openapi-typescript 6, types only', 'openapi-typescript6', false),
    peer('1.35: openapi-typescript 7, types only', 'openapi-typescript', true),
  ],
  example: kubegenCases('example', 'example', example),
  scaling: [...kubegenCases('1 group-version', 'one', one), ...kubegenCases('10 group-versions', 'ten', ten)],
  crds: kubegenCases('157 CRDs', 'crds', allCrds, true),
  regenerate: [
    {
      name: '1.35 + 157 CRDs, one CRD changed: kubegen',
      prepare: changing.change,
      args: generate('regenerate', [...full, '--crd', changing.dir]),
      env: { XDG_CACHE_HOME: warmCache },
      prints: /\(incremental: rebuilt /,
    },
    {
      name: '1.35 + 157 CRDs unchanged (no-op): kubegen',
      args: generate('noop', [...full, '--crd', crds]),
      env: { XDG_CACHE_HOME: warmCache },
    },
  ],
};

const cases = Object.entries(groups)
  .filter(([group]) => !only || only.includes(group))
  .flatMap(([, list]) => list);
// Untimed: fills the warm cache and the outputs the regeneration and the no-op start from.
for (const c of cases) if (!c.name.includes('cold')) run({ ...c, prints: undefined });
const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
for (let round = 0; round < rounds; round++)
  for (let k = 0; k < cases.length; k++) {
    const c = cases[(round + k) % cases.length]!;
    samples.get(c.name)!.push(run(c));
  }
rmSync(work, { recursive: true, force: true });

const range = (xs: number[], digits = 2, scale = 1000) => {
  const f = (x: number) => (x / scale).toFixed(digits);
  return `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
};
const width = Math.max(...cases.map((c) => c.name.length));
console.log(`${rounds} rounds, each case a fresh process; node ${process.version}; min–max over rounds`);
console.log(
  `${'case'.padEnd(width)}  ${'wall s'.padStart(11)}  ${'cpu s'.padStart(11)}  ${'peak RSS MB'.padStart(11)}`,
);
for (const c of cases) {
  const s = samples.get(c.name)!;
  console.log(
    `${c.name.padEnd(width)}  ${range(s.map((x) => x.wall)).padStart(11)}  ${range(s.map((x) => x.cpu)).padStart(11)}  ${range(
      s.map((x) => x.rss),
      0,
      1,
    ).padStart(11)}`,
  );
}

/** Per-round ratios of two cases (rounds are paired, so a noisy round skews both alike), wall and CPU. */
function ratio(a: string, b: string, target: string): void {
  const x = samples.get(a);
  const y = samples.get(b);
  if (!x || !y) return;
  const of = (k: 'wall' | 'cpu' | 'rss') =>
    range(
      x.map((s, r) => s[k] / y[r]![k]),
      2,
      1,
    );
  console.log(`${a} / ${b}: wall ${of('wall')}×, cpu ${of('cpu')}×  (${target})`);
}
ratio('1.35 (36 group-versions): kubegen warm', '1.35: openapi-typescript 6, types only', 'target ≤ 0.6×');
ratio(
  '1.35 (36 group-versions): kubegen warm, build not cached',
  '1.35: openapi-typescript 6, types only',
  'conversions cached, the rest built',
);
ratio('1.35: openapi-typescript 7, types only', '1.35 (36 group-versions): kubegen cold', 'target ≥ 2×');
ratio('1.35 (36 group-versions): kubegen cold', '1.35: openapi-typescript 6, types only', 'cold, for reference');
const own = samples.get('1.35 (36 group-versions): kubegen cold')?.map((s) => s.own!);
if (own) {
  const of = (f: (o: NonNullable<Sample['own']>) => number) => range(own.map(f));
  const mid = (f: (o: NonNullable<Sample['own']>) => number) => (median(own.map(f)) / 1000).toFixed(2);
  const ownMs = (o: NonNullable<Sample['own']>) => o.stages - o.floor;
  console.log(
    `1.35 cold, kubegen's own work (wall of the stages after start, ${of((o) => o.stages)} s, less the floor of decoding and parsing the documents, ${of((o) => o.floor)} s): ${of(ownMs)} s, median ${mid(ownMs)} s  (target ≤ 0.5 s); of it, loading the model builder and emitter ${of((o) => o.load)} s`,
  );
}
console.log(
  'targets: 157 CRDs ≤ 3 s warm, ≤ 5 s cold, ≤ 400 MB; one CRD changed ≤ 0.5 s; no-op ≤ 0.3 s; example ≤ 0.3 s warm',
);
