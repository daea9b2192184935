// Two outputs and a folder of the user's, for the writer's tests: the first output written, then files, folders
// (0700, 0750), a symlink and an empty folder of the user's added beside and inside it, with old times.
import assert from 'node:assert/strict';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { MANIFEST, readManifest, writeOutput } from '../../../generator/pipeline/write.ts';

export const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

export const outputA = files({
  'index.ts': 'export * from "./apps/v1.js"; // A\n',
  'meta.ts': 'export interface ObjectMeta { name?: string }\n',
  'apps/v1.ts': 'export const appsV1 = "A";\n',
  'batch/v1.ts': 'export const batchV1 = "A";\n',
  'core/v1.ts': 'export const coreV1 = 1;\n',
});

/** Changes two files, keeps two, removes a group and adds one (a new folder of two files). */
export const outputB = files({
  'index.ts': 'export * from "./apps/v1.js"; // B\n',
  'meta.ts': 'export interface ObjectMeta { name?: string }\n',
  'apps/v1.ts': 'export const appsV1 = "B";\n',
  'core/v1.ts': 'export const coreV1 = 1;\n',
  'networking.k8s.io/v1.ts': 'export const networkingV1 = "B";\n',
  'networking.k8s.io/v1beta1.ts': 'export const networkingV1beta1 = "B";\n',
});

/** Many files, so that a write takes long enough to be stopped at random moments. */
export function bigOutput(tag: string, count: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) out.set(`group${i % 12}.example.com/v${i}.ts`, `export const v${i} = '${tag}';\n`);
  out.set('index.ts', `// ${tag}\n`);
  out.set('apps/v1.ts', `// ${tag}\n`);
  return out;
}

const OLD = new Date('2020-01-02T03:04:05Z');

/** A fresh `out` holding `first` and the user's own files. */
export function setUp(out: string, first: Map<string, string> = outputA): void {
  rmSync(out, { recursive: true, force: true });
  writeOutput(out, first);
  writeFileSync(join(out, 'NOTES.md'), 'mine');
  chmodSync(join(out, 'NOTES.md'), 0o600);
  for (const [dir, mode] of [
    ['secret', 0o700],
    ['shared', 0o750],
    ['apps/custom', 0o700],
    ['empty-dir-of-mine', 0o755],
  ] as const) {
    mkdirSync(join(out, dir));
    if (dir !== 'empty-dir-of-mine') writeFileSync(join(out, dir, 'file.txt'), `in ${dir}`);
    chmodSync(join(out, dir), mode);
  }
  symlinkSync('NOTES.md', join(out, 'link-of-mine'));
  for (const dir of ['secret', 'shared', 'apps/custom', 'empty-dir-of-mine']) utimesSync(join(out, dir), OLD, OLD);
}

/** What the user owns in `out`: each entry's mode, content (or link target) and, for folders, mtime. */
export function userState(out: string): Record<string, string> {
  const state: Record<string, string> = { '.': `inode ${statSync(out).ino} mode ${mode(out)}` };
  for (const path of ['NOTES.md', 'secret/file.txt', 'shared/file.txt', 'apps/custom/file.txt'])
    state[path] = `${mode(join(out, path))} ${readFileSync(join(out, path), 'utf8')}`;
  for (const dir of ['secret', 'shared', 'apps/custom', 'empty-dir-of-mine'])
    state[dir] = `${mode(join(out, dir))} ${lstatSync(join(out, dir)).mtime.toISOString()}`;
  state['link-of-mine'] = readlinkSync(join(out, 'link-of-mine'));
  return state;
}

/** Which of `outputs` the folder holds: every file exactly, its manifest, and nothing of another left over. */
export function whichOutput(out: string, outputs: Record<string, Map<string, string>>): string {
  const holds = (files: Map<string, string>) =>
    [...files].every(([path, content]) => {
      try {
        return readFileSync(join(out, path), 'utf8') === content;
      } catch {
        return false;
      }
    });
  const name = Object.keys(outputs).find((n) => holds(outputs[n]!));
  assert.ok(name, `the folder holds none of the outputs whole: ${readdirSync(out).join(', ')}`);
  assert.deepEqual(readManifest(out).sort(), [...outputs[name].keys()].sort(), `the manifest of ${name}`);
  const others = Object.values(outputs).flatMap((o) => [...o.keys()]);
  const folders = (paths: Iterable<string>) =>
    new Set([...paths].filter((p) => p.includes('/')).map((p) => p.split('/')[0]));
  const needed = folders(outputs[name].keys());
  for (const path of [...others, ...folders(others)].filter((p) => !outputs[name]!.has(p) && !needed.has(p)))
    assert.throws(() => lstatSync(join(out, path)), `${path} of another output is left in ${name}`);
  return name;
}

/** Every entry under `dir` with its mode, time and content: to prove nothing was touched. */
export function snapshot(dir: string, rel = ''): Record<string, string> {
  const state: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    const stat = lstatSync(join(dir, path));
    const head = `${mode(join(dir, path))} ${stat.ino} ${stat.mtime.toISOString()}`;
    if (entry.isDirectory()) Object.assign(state, { [path]: head }, snapshot(dir, path));
    else if (entry.isSymbolicLink()) state[path] = `${head} -> ${readlinkSync(join(dir, path))}`;
    else state[path] = `${head} ${readFileSync(join(dir, path), 'utf8')}`;
  }
  return state;
}

/** Entries a write leaves only while it runs (staging folders, journals). */
export function leftovers(out: string): string[] {
  return readdirSync(out).filter((n) => n.startsWith('.kubegen-') && n !== MANIFEST && n !== '.kubegen-stamp.json');
}

function mode(path: string): string {
  return (lstatSync(path).mode & 0o7777).toString(8);
}
