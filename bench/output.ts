// What kubegen writes for Kubernetes 1.35 (v3 documents) beside what openapi-typescript 7 writes for the same
// documents, types only: the bytes of the output, and the time `tsc --noEmit` takes to check it, each check a fresh
// process, the two alternating, min–max over rounds with the per-round ratio. kubegen's output is its whole client
// (types, clients, the index) and is checked with the runtime's declarations it imports; both are checked under
// --strict, with the same options, lib files not checked.
//   npm run build && node --import tsx bench/output.ts [--rounds 3]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, sharedPath } from '../test/helpers/shared.ts';
import { documents, peerScript, USAGE_HOOK } from './helpers/peers.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const v3 = sharedPath('specs', 'v3', 'kubernetes-1.35');
// Inside the project, so that the generated imports of @kubegen/runtime resolve as they do in a user's project.
const work = join(projectRoot, 'bench', '.work', `output-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
const outputs = { kubegen: join(work, 'kubegen'), 'openapi-typescript 7': join(work, 'openapi-typescript-7') };
type Tool = keyof typeof outputs;
const tools = Object.keys(outputs) as Tool[];

interface Run {
  wall: number;
  cpu: number;
  stdout: string;
}

function child(args: string[], env: Record<string, string> = {}): Run {
  const usage = join(work, 'usage.json');
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', USAGE_HOOK, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, BENCH_USAGE: usage, ...env },
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { wall, cpu: (JSON.parse(readFileSync(usage, 'utf8')) as { cpu: number }).cpu, stdout: r.stdout };
}

/** tsc's own account of a check (--extendedDiagnostics): its total time in s and the memory it used in MB. */
function diagnostics(stdout: string): { total: number; memory: number } {
  const total = /^Total time:\s+([\d.]+)s$/m.exec(stdout);
  const memory = /^Memory used:\s+(\d+)K$/m.exec(stdout);
  if (!total || !memory) throw new Error(`no diagnostics in tsc's output:\n${stdout}`);
  return { total: Number(total[1]), memory: Number(memory[1]) / 1024 };
}

/** The .ts files under a folder and their bytes. */
function size(dir: string): { files: number; bytes: number } {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  return { files: files.length, bytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) };
}

rmSync(work, { recursive: true, force: true });
try {
  for (const dir of Object.values(outputs)) mkdirSync(dir, { recursive: true });
  child([
    join(projectRoot, 'dist', 'cli', 'main.js'),
    'generate',
    '--spec',
    v3,
    '--out',
    outputs.kubegen,
    '--no-cache',
  ]);
  child(['--input-type=module', '-e', peerScript('openapi-typescript', true)], {
    BENCH_ARGS: JSON.stringify([outputs['openapi-typescript 7'], ...documents(v3)]),
  });
  for (const dir of Object.values(outputs))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          skipLibCheck: true,
        },
        include: ['**/*.ts'],
      }),
    );
  const checks = new Map<Tool, Run[]>(tools.map((t) => [t, []]));
  // An untimed check of each first: the files are read from disk as a user's build would, not from a cold cache.
  const check = (t: Tool) => child([tsc, '-p', join(outputs[t], 'tsconfig.json'), '--extendedDiagnostics']);
  for (const t of tools) check(t);
  for (let round = 0; round < rounds; round++)
    for (let k = 0; k < tools.length; k++) {
      const t = tools[(round + k) % tools.length]!;
      checks.get(t)!.push(check(t));
    }

  const range = (xs: number[], digits: number, scale = 1) => {
    const f = (x: number) => (x / scale).toFixed(digits);
    return `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
  };
  console.log(
    `Kubernetes 1.35 (v3), ${rounds} rounds of tsc --noEmit --strict, each a fresh process; node ${process.version}`,
  );
  const sizes = new Map(tools.map((t) => [t, size(outputs[t])]));
  for (const t of tools) {
    const s = sizes.get(t)!;
    const c = checks.get(t)!;
    const d = c.map((x) => diagnostics(x.stdout));
    console.log(
      `  ${t.padEnd(22)} ${(s.bytes / 1e6).toFixed(2)} MB in ${s.files} files   tsc wall ${range(
        c.map((x) => x.wall),
        2,
        1000,
      )} s, ` +
        `cpu ${range(
          c.map((x) => x.cpu),
          2,
          1000,
        )} s; by its own account ${range(
          d.map((x) => x.total),
          2,
        )} s, ` +
        `${range(
          d.map((x) => x.memory),
          0,
        )} MB`,
    );
  }
  const ours = checks.get('kubegen')!;
  const peer = checks.get('openapi-typescript 7')!;
  const per = (f: (x: Run) => number) =>
    range(
      ours.map((x, r) => f(x) / f(peer[r]!)),
      2,
    );
  const bytes = sizes.get('kubegen')!.bytes / sizes.get('openapi-typescript 7')!.bytes;
  console.log(
    `  kubegen / openapi-typescript 7: output ${bytes.toFixed(2)}× the bytes; tsc wall ${per((x) => x.wall)}×, ` +
      `cpu ${per((x) => x.cpu)}×, its own total ${per((x) => diagnostics(x.stdout).total)}×  (target ≤ 1× each)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
