// What a program that lists pods costs before its first request, and what it ships:
//   cold import: a fresh node process (no flags) importing the runtime's connect() and one generated group-version
//     module (core/v1, compiled to JavaScript one module per file as tsc emits it), beside bare node (an empty
//     module), undici alone and @kubernetes/client-node; the order rotating from round to round. Target: kubegen
//     within 110 ms of bare node.
//   first request: the same processes, each then listing the pods of a namespace (10 pods) from an API server on
//     loopback and exiting: what loading on first use costs shows here, not in the line above.
//   bundle: esbuild's minified bundle of a "list pods" program (connect(), coreV1(client).pods.list()) with undici
//     left out, as a bundler of a Node.js application would leave it to node_modules; the largest inputs listed.
//     Target: ≤ 200 KB.
//   node --import tsx bench/runtime-startup.ts [ROUNDS]
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { clientNodeVersion } from './helpers/client-node.ts';
import { startBenchServer } from './helpers/server-process.ts';
import { median } from './helpers/measure.ts';
import { compileClients, spread } from './helpers/per-process.ts';

const rounds = Number(process.argv[2] ?? 15);
const budgetMs = 110;
const budgetBytes = 200 * 1000;
const run = promisify(execFile);

const compiled = await compileClients();
const dir = dirname(compiled.generated);
const coreV1 = `./${relative(dir, join(compiled.generated, 'core', 'v1.js'))}`;
const clientNode = `client-node ${clientNodeVersion()}`;
const imports: Record<string, string> = {
  'bare node (an empty module)': '',
  'undici alone': "import { request } from 'undici';\n",
  'kubegen runtime + generated core/v1': `import { connect } from '@kubegen/runtime';\nimport { coreV1 } from '${coreV1}';\n`,
  [clientNode]: "import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';\n",
};
const names = Object.keys(imports);
/** What each program does after its imports: list the pods of `bench` at SERVER and close. */
const firstRequest: Record<string, string> = {
  'undici alone': "const res = await request('SERVER/api/v1/namespaces/bench/pods');\nawait res.body.json();\n",
  'kubegen runtime + generated core/v1':
    "const client = await connect({ explicit: { server: 'SERVER' }, namespace: 'bench' });\nawait coreV1(client).pods.list();\nawait client.close();\n",
  [clientNode]: `const kc = new KubeConfig();
kc.loadFromOptions({ clusters: [{ name: 'b', server: 'SERVER', skipTLSVerify: true }], users: [{ name: 'b' }], contexts: [{ name: 'b', cluster: 'b', user: 'b' }], currentContext: 'b' });
await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'bench' });
`,
};
// Each program reports its own CPU time once its work is done (start-up included), and when that was on its own clock
// (from process start); after a request it exits then, rather than wait out a keep-alive socket.
const report = 'process.stdout.write(JSON.stringify({ ...process.cpuUsage(), at: performance.now() }));\n';
const write = (kind: string, body: (name: string) => string, end = '') =>
  names.map((name, i) => {
    const file = join(dir, `${kind}-${i}.mjs`);
    writeFileSync(file, imports[name] + body(name) + report + end);
    return file;
  });

/** Wall time of the whole process, when its work was done, and the CPU time it reports, in ms. */
async function timed(file: string): Promise<{ wall: number; done: number; cpu: number }> {
  const start = performance.now();
  const { stdout } = await run(process.execPath, [file]);
  const wall = performance.now() - start;
  const { user, system, at } = JSON.parse(stdout) as NodeJS.CpuUsage & { at: number };
  return { wall, done: at, cpu: (user + system) / 1000 };
}

/**
 * Each program once per round, the order rotating; wall and CPU time against bare node's of the same round. The wall
 * clock is the whole process's, or with `untilDone` the time from its start until its work was done: the first
 * answer is in hand before node exits, and the exit waits on V8 optimizing undici's HTTP parser (WebAssembly).
 */
async function measure(title: string, files: string[], untilDone = false): Promise<void> {
  const wall = names.map(() => [] as number[]);
  const cpu = names.map(() => [] as number[]);
  for (const file of files) await timed(file); // the files into the page cache
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < files.length; k++) {
      const i = (r + k) % files.length;
      const t = await timed(files[i]!);
      wall[i]!.push(untilDone ? t.done : t.wall);
      cpu[i]!.push(t.cpu);
    }
  // Per round, each program less bare node's run of the same round.
  const above = (xs: number[][], i: number) => xs[i]!.map((x, r) => x - xs[0]![r]!);
  console.log(`${title}, a fresh node process each, ${rounds} rounds, order rotating`);
  for (let i = 0; i < names.length; i++) {
    const more =
      i === 0
        ? ''
        : `   above bare node: wall ${spread(above(wall, i), 0, ' ms')}, cpu ${spread(above(cpu, i), 0, ' ms')}`;
    console.log(
      `  ${names[i]!.padEnd(38)} wall ${spread(wall[i]!, 0, ' ms')}, cpu ${spread(cpu[i]!, 0, ' ms')}${more}`,
    );
  }
  const ours = median(above(wall, 2));
  const peer = median(above(wall, 3));
  const cpuOf = (i: number) => median(above(cpu, i)).toFixed(0);
  const target = title === 'cold import' ? `  target ≤ ${budgetMs} ms ${ours <= budgetMs ? 'MET' : 'MISSED'}` : '';
  console.log(
    `  kubegen above bare node: wall ${ours.toFixed(0)} ms, ${(peer / ours).toFixed(1)}× less than client-node's ${peer.toFixed(0)} ms (cpu ${cpuOf(2)} ms against ${cpuOf(3)} ms)${target}`,
  );
}

async function toFirstRequest(): Promise<void> {
  const server = await startBenchServer({ pods: 10 });
  try {
    await measure(
      'import + first request (list 10 pods on loopback; wall: from process start until the list is in hand)',
      write('first', (name) => (firstRequest[name] ?? '').replaceAll('SERVER', server.url), 'process.exit();\n'),
      true,
    );
  } finally {
    server.close();
  }
}

async function bundle(): Promise<void> {
  const entry = join(dir, 'list-pods.mjs');
  writeFileSync(
    entry,
    `import { connect } from '@kubegen/runtime';\nimport { coreV1 } from '${coreV1}';\n\nconst client = await connect();\nconst pods = await coreV1(client).pods.list();\nconsole.log(pods.items.length);\nawait client.close();\n`,
  );
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    external: ['undici'],
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0]!.contents.length;
  const output = Object.values(result.metafile.outputs)[0]!;
  const byInput = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    const key =
      at >= 0
        ? input
            .slice(at + 13)
            .split('/')
            .slice(0, input.slice(at + 13).startsWith('@') ? 2 : 1)
            .join('/')
        : input;
    byInput.set(key.includes('.work/') ? 'generated core/v1' : key, (byInput.get(key) ?? 0) + bytesInOutput);
  }
  const largest = [...byInput].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `bundle of a "list pods" program (esbuild, minified, undici external): ${(bytes / 1000).toFixed(0)} KB  target ≤ ${budgetBytes / 1000} KB ${bytes <= budgetBytes ? 'MET' : 'MISSED'}`,
  );
  console.log(`  largest inputs: ${largest.map(([k, b]) => `${k} ${(b / 1000).toFixed(0)} KB`).join(', ')}`);
}

try {
  await measure(
    'cold import',
    write('import', () => ''),
  );
  await toFirstRequest();
  await bundle();
} finally {
  compiled.remove();
}
