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

/** Loads every `--spec` path, in the order given; a folder's documents come sorted by their path inside it. */
export async function loadSpecs(paths: string[]): Promise<LoadedDocument[]> {
  const perPath = await Promise.all(paths.map(loadSpecPath));
  return perPath.flat();
}

async function loadSpecPath(path: string): Promise<LoadedDocument[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(
      path,
      '',
      `cannot read the spec: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`,
    );
  });
  if (!info.isDirectory()) return [await loadSpecFile(path)];
  const files = await filesUnder(path);
  if (files.length === 0) throw new SpecError(path, '', 'the folder holds no .json, .yaml or .yml spec documents');
  return Promise.all(files.map(loadSpecFile));
}

/** Reads and parses one spec file, and checks that it is Swagger 2.0 or OpenAPI 3.x. */
export async function loadSpecFile(file: string): Promise<LoadedDocument> {
  // Decoded at once: with an encoding, Node 20 decodes a large file chunk by chunk into a rope of strings.
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new SpecError(file, '', `cannot read the spec: ${err.message}`);
  });
  const text = bytes.toString('utf8');
  const doc = parseText(file, text);
  specFormat(doc, file);
  return { file, doc };
}
