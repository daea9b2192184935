// The manifests `-f` names: a file as it is, a folder searched recursively for .yaml, .yml and .json files (sorted,
// so that output is the same on every machine), `-` for stdin. Every name is checked before anything is validated,
// so a mistyped path fails the run (exit 2) before any result is printed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareStrings } from '../../core/spec/values.js';

export interface ManifestSource {
  /** As the user named it, or a path under the folder they named; `<stdin>` for `-`. */
  name: string;
  read(): Promise<string>;
}

const manifestFile = /\.(ya?ml|json)$/;

export async function manifestSources(names: string[], stdin: NodeJS.ReadableStream): Promise<ManifestSource[]> {
  const out: ManifestSource[] = [];
  let stdinUsed = false;
  for (const name of names) {
    if (name === '-') {
      if (!stdinUsed) out.push({ name: '<stdin>', read: () => readAll(stdin) });
      stdinUsed = true;
      continue;
    }
    const info = await stat(name).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`-f ${name}: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`);
    });
    if (!info.isDirectory()) {
      out.push(fileSource(name));
      continue;
    }
    const found = await filesUnder(name);
    if (found.length === 0) throw new Error(`-f ${name}: the folder holds no .yaml, .yml or .json file`);
    out.push(...found.map(fileSource));
  }
  return out;
}

function fileSource(name: string): ManifestSource {
  return { name, read: () => readFile(name, 'utf8') };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareStrings(a.name, b.name));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(path)));
    else if (e.isFile() && manifestFile.test(e.name)) out.push(path);
  }
  return out;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
