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
  const perPath = await Promise.all(paths.map((path) => loadSpecPath(path, read)));
  return perPath.flat();
}

async function loadSpecPath(path: string, read: Map<string, Buffer> | undefined): Promise<LoadedDocument[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(
      path,
      '',
      `cannot read the spec: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`,
    );
  });
  if (!info.isDirectory()) return [await loadSpecFile(path, take(read, path))];
  const files = await filesUnder(path);
  if (files.length === 0) throw new SpecError(path, '', 'the folder holds no .json, .yaml or .yml spec documents');
  return Promise.all(files.map((file) => loadSpecFile(file, take(read, file))));
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
