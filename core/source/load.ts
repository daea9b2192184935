// Reads `--spec` inputs: a Swagger 2.0 or OpenAPI 3.x file (JSON or YAML), or a folder laid out like the
// server's `/openapi/v3` (`api/v1.json`, `apis/<group>/<version>.json`). Only reading and parsing happen here;
// the model builder does the rest, so that in-memory documents take the same road.
import { readFile, stat } from 'node:fs/promises';
import { SpecError } from '../spec/errors.js';
import { specFormat } from '../spec/format.js';
import { filesUnder } from './folders.js';
import { parseText } from './parse/index.js';

import type { LoadedDocument } from '../spec/document.js';

export type { LoadedDocument } from '../spec/document.js';

/**
 * Loads every `--spec` path, in the order given; a folder's documents come sorted by their path inside it. A file
 * whose bytes `read` holds (hashed just before) is not read again; they are let go once parsed.
 */
export async function loadSpecs(paths: string[], read?: Map<string, Buffer>): Promise<LoadedDocument[]> {
  return Promise.all((await specFiles(paths)).map((file) => loadSpecFile(file, take(read, file))));
}

/**
 * `loadSpecs` one file at a time, each read and parsed only when the one before has been taken: a reader that lets
 * each document go before it takes the next holds one at once.
 */
export async function* parseSpecs(files: string[], read?: Map<string, Buffer>): AsyncGenerator<LoadedDocument> {
  for (const file of files) yield await loadSpecFile(file, take(read, file));
}

/** The spec files of `--spec` paths, in the order `loadSpecs` loads them; a path that is not there fails here. */
export async function specFiles(paths: string[]): Promise<string[]> {
  return (await Promise.all(paths.map(filesOfPath))).flat();
}

async function filesOfPath(path: string): Promise<string[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(
      path,
      '',
      `cannot read the spec: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`,
    );
  });
  if (!info.isDirectory()) return [path];
  const files = await filesUnder(path);
  if (files.length === 0) throw new SpecError(path, '', 'the folder holds no .json, .yaml or .yml spec documents');
  return files;
}

function take(read: Map<string, Buffer> | undefined, file: string): Buffer | undefined {
  const bytes = read?.get(file);
  read?.delete(file);
  return bytes;
}

/** Reads (unless given its bytes) and parses one spec file, and checks that it is Swagger 2.0 or OpenAPI 3.x. */
export async function loadSpecFile(file: string, bytes?: Buffer): Promise<LoadedDocument> {
  // Decoded at once: with an encoding, Node 20 decodes a large file chunk by chunk into a rope of strings.
  const text = (
    bytes ??
    (await readFile(file).catch((err: NodeJS.ErrnoException) => {
      throw new SpecError(file, '', `cannot read the spec: ${err.message}`);
    }))
  ).toString('utf8');
  const doc = parseText(file, text);
  specFormat(doc, file);
  return { file, doc };
}
