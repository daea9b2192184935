// Generation of a full Kubernetes spec (default: 1.35, OpenAPI v3, 36 documents) side by side with
// openapi-typescript alone converting the same documents. Prints the median of several runs of each, and the ratio.
//   npx tsx bench/generate.ts [SPEC_DIR] [RUNS]
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { generate } from '../generator/pipeline/generate.ts';
import { projectRoot, sharedPath } from '../test/helpers/shared.ts';

const specDir = process.argv[2] ?? sharedPath('specs', 'v3', 'kubernetes-1.35');
const runs = Number(process.argv[3] ?? 5);
const out = join(projectRoot, 'bench', '.work', 'generate');

function documents(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? documents(path) : name.endsWith('.json') ? [path] : [];
    });
}

async function kubegen(): Promise<number> {
  const start = performance.now();
  await generate({ specs: [specDir], out });
  return performance.now() - start;
}

async function openapiTypescriptAlone(docs: string[]): Promise<number> {
  const start = performance.now();
  for (const doc of docs) {
    const schema = JSON.parse(readFileSync(doc, 'utf8')) as OpenAPI3;
    astToString(await openapiTS(schema, { silent: true }));
  }
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const docs = documents(specDir);
const ours: number[] = [];
const theirs: number[] = [];
const cold = await kubegen(); // warm-up: module loading and JIT for both, outside the medians
await openapiTypescriptAlone(docs.slice(0, 1));
for (let i = 0; i < runs; i++) {
  ours.push(await kubegen());
  theirs.push(await openapiTypescriptAlone(docs));
}
rmSync(join(projectRoot, 'bench', '.work'), { recursive: true, force: true });

const a = median(ours);
const b = median(theirs);
console.log(`spec: ${specDir} (${docs.length} documents), ${runs} runs each, alternating`);
console.log(
  `kubegen generate (load, model, types + clients, write): median ${(a / 1000).toFixed(2)} s  [${ours.map((x) => (x / 1000).toFixed(2)).join(' ')}]`,
);
console.log(`kubegen first run in this process (cold JIT, reported apart):   ${(cold / 1000).toFixed(2)} s`);
console.log(
  `openapi-typescript alone (types only):                 median ${(b / 1000).toFixed(2)} s  [${theirs.map((x) => (x / 1000).toFixed(2)).join(' ')}]`,
);
console.log(
  `ratio kubegen / openapi-typescript: ${(a / b).toFixed(2)} (${a < b ? `${(b / a).toFixed(1)}× faster` : 'slower'}); target < 3 s and < 1.00`,
);
