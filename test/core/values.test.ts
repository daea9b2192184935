// The small value helpers the model builder leans on for speed must give what the plain forms give.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pointerOf } from '../../core/spec/errors.ts';
import { statusRecord } from '../../core/spec/values.ts';

describe('statusRecord', () => {
  const cases: [string, string[]][] = [
    ['codes in order', ['200', '201', '401']],
    ['codes out of order', ['401', '200', '202']],
    ['codes and default', ['default', '404', '200']],
    ['none', []],
  ];
  for (const [name, keys] of cases)
    it(`${name}: lists and writes its keys as a plain object does`, () => {
      const plain: Record<string, number> = {};
      const record = statusRecord<number>();
      keys.forEach((key, i) => {
        plain[key] = i;
        record[key] = i;
      });
      assert.deepEqual(Object.keys(record), Object.keys(plain));
      assert.equal(JSON.stringify(record), JSON.stringify(plain));
      assert.deepEqual(Object.entries(record), Object.entries(plain));
    });
});

describe('pointerOf', () => {
  const cases: [(string | number)[], string][] = [
    [['paths', '/api/v1/pods', 'get'], '/paths/~1api~1v1~1pods/get'],
    [['a~b', 'c/d~'], '/a~0b/c~1d~0'],
    [['parameters', 0, 'schema'], '/parameters/0/schema'],
    [[], ''],
  ];
  for (const [tokens, want] of cases)
    it(`${JSON.stringify(tokens)} → ${want}`, () => assert.equal(pointerOf(...tokens), want));
});
