// Every real spec and CRD reads through the bounded reader to exactly what the plain parsers give: no duplicate key,
// nesting or alias bound is hit by real documents, and the YAML conversion agrees with the yaml library's. Every
// real YAML file is plain enough for js-yaml to read it (the fast reading), none left to the checked reader.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { maxNesting, parseTextDocuments } from '../../core/source/parse/index.ts';
import { readPlainYaml } from '../../core/source/parse/yaml-plain.ts';
import { sharedPath, sharedSkip } from '../helpers/shared.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : /\.(json|ya?ml)$/.test(name) ? [path] : [];
    });
}

function plain(file: string, text: string): unknown[] {
  return file.endsWith('.json')
    ? [JSON.parse(text)]
    : parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }));
}

describe('the reader on every shared spec and CRD', { skip: sharedSkip }, () => {
  for (const folder of ['specs', 'crds']) {
    it(`${folder}: the same values as JSON.parse and the yaml library`, () => {
      const files = filesUnder(sharedPath(folder));
      assert.ok(files.length > 0);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        assert.deepStrictEqual(parseTextDocuments(file, text), plain(file, text), file);
        if (!file.endsWith('.json')) assert.ok(readPlainYaml(text, { uniqueKeys: true, maxNesting }), file);
      }
    });
  }
});
