// Schema features and Kubernetes' extensions become the TypeScript types users expect: int-or-string, Quantity,
// preserve-unknown-fields, embedded resources, date-time, enum, required, nullable, oneOf, maps, defaults as JSDoc,
// apiextensions' JSON schemas; request bodies and watch events typed as the API server reads and writes them. The
// JSDoc is read here; types.integration.test.ts compiles programs against the generated types.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../generator/pipeline/generate.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'emit-types');

describe('types from schemas and Kubernetes extensions', () => {
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    await generate({ specs: [join(projectRoot, 'test', 'fixtures', 'emit', 'types.yaml')], out: work });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('carry descriptions first, then tags, as JSDoc', () => {
    const text = readFileSync(join(work, 'types.kubegen.dev', 'v1.ts'), 'utf8');
    assert.match(
      text,
      /\n {2}\/\*\*\n {3}\* how many\n {3}\*\n {3}\* @format int32\n {3}\* @default 1\n {3}\*\/\n {2}replicas\?: number;/,
    );
    assert.match(text, /\n {2}\/\*\* how fast \*\/\n {2}mode: 'Fast' \| 'Slow';/);
    assert.match(text, /\n {2}\/\*\* @format date-time \*\/\n {2}createdAt\?: string;/);
  });
});
