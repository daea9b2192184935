// Holds `kubegen diff --json` to the shape docs/diff.schema.json documents, with a JSON Schema validator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { projectRoot } from './shared.ts';

let check: ((value: unknown) => string[]) | undefined;

/** The schema's complaints about `value` (`/deprecations/0 must have required property 'scope'`), none when it fits. */
export function diffSchemaErrors(value: unknown): string[] {
  if (!check) {
    const schema = JSON.parse(readFileSync(join(projectRoot, 'docs', 'diff.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    check = (v) => (validate(v) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
  }
  return check(value);
}
