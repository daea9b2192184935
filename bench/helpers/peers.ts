// What the whole-run benchmarks share: the child's own CPU time and peak RSS, openapi-typescript converting
// documents to types as its own process, and the documents of an /openapi/v3-shaped folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** An --import hook that writes a child's own CPU time and peak RSS to $BENCH_USAGE as it exits. */
export const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.BENCH_USAGE,JSON.stringify({cpu:(u.userCPUTime+u.systemCPUTime)/1000,rss:u.maxRSS/1024}))})",
)}`;

/**
 * openapi-typescript (`pkg`: 6 or, with `v7`, 7) converting each document to types, as its own process: run with
 * `--input-type=module -e` and BENCH_ARGS = JSON [outDir, ...documents]; writes outDir/<i>.ts per document.
 */
export const peerScript = (pkg: string, v7: boolean): string =>
  `import t${v7 ? ',{astToString}' : ''} from '${pkg}';import{readFileSync,writeFileSync}from'node:fs';` +
  `const [out,...docs]=JSON.parse(process.env.BENCH_ARGS);let i=0;for(const d of docs){` +
  `const r=await t(JSON.parse(readFileSync(d,'utf8')),{silent:true});writeFileSync(out+'/'+(i++)+'.ts',${v7 ? 'astToString(r)' : 'r'});}`;

/** The documents of an /openapi/v3-shaped folder, sorted. */
export function documents(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}
