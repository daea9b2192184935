// The manifests `-f` names: a file as it is, a folder searched recursively for .yaml, .yml and .json files (sorted,
// so that output is the same on every machine), `-` for stdin. Every name is checked before anything is validated,
// so a mistyped path fails the run (exit 2) before any result is printed.
import { readFile, stat } from 'node:fs/promises';
import { documentExtensions, filesUnder } from '../../core/source/folders.js';

export interface ManifestSource {
  /** As the user named it, or a path under the folder they named; `<stdin>` for `-`. */
  name: string;
  read(): Promise<string>;
}

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
    // Through symbolic links, as every input folder is read; a link cycle fails the run naming the link.
    const found = await filesUnder(name, documentExtensions, (path, detail) => {
      throw new Error(`-f ${name}: ${path}: ${detail}`);
    });
    if (found.length === 0) throw new Error(`-f ${name}: the folder holds no .yaml, .yml or .json file`);
    out.push(...found.map(fileSource));
  }
  return out;
}

function fileSource(name: string): ManifestSource {
  return { name, read: () => readFile(name, 'utf8') };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
