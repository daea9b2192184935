// validate's schema cache file: a header naming each kind's line, the lines read one at a time, and a file rewritten
// by another run between the two noticed rather than read as the wrong schemas.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIDocument } from '@kubegen/validation/core';
import { readKindsFile, writeKindsFile } from '../../cli/validate/kinds-file.ts';
import { projectRoot } from '../helpers/shared.ts';

const gvk = (kind: string) => ({ group: '', version: 'v1', kind });
const doc: OpenAPIDocument = {
  swagger: '2.0',
  definitions: {
    'io.k8s.api.core.v1.Pod': { type: 'object', 'x-kubernetes-group-version-kind': [gvk('Pod')] },
    'io.k8s.api.core.v1.PodList': {
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' } } },
      'x-kubernetes-group-version-kind': [gvk('PodList')],
    },
    'io.k8s.api.core.v1.Unrelated': { type: 'string' },
  },
  paths: { '/api/v1/namespaces/{namespace}/pods': { post: { 'x-kubernetes-group-version-kind': gvk('Pod') } } },
};

describe("validate's schema cache file", () => {
  let dir = '';
  before(() => {
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, 'test', '.work', 'kinds-file-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back each kind with the definitions it refers to and the operations that tell its scope', () => {
    const file = join(dir, 'pods.kinds');
    // A header longer than one read of it.
    const records = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [
        `specs/file-${i}.yaml`,
        { size: i, mtimeMs: i / 3, sha256: 'a'.repeat(64) },
      ]),
    );
    writeKindsFile(file, { key: 'k1', records }, [doc], []);
    const kinds = readKindsFile(file)!;
    assert.deepEqual(kinds.records, records);
    assert.deepEqual(kinds.gvks, [gvk('Pod'), gvk('PodList')]);
    const list = kinds.read(gvk('PodList'));
    assert.ok('openapi' in list);
    assert.deepEqual(Object.keys(list.openapi[0]!.definitions!), [
      'io.k8s.api.core.v1.PodList',
      'io.k8s.api.core.v1.Pod',
    ]);
    assert.deepEqual(list.openapi[0]!.paths, {});
    const pod = kinds.read(gvk('Pod'));
    assert.ok('openapi' in pod);
    assert.deepEqual(pod.openapi[0]!.paths, doc.paths);
  });

  it('refuses a line of a file another run rewrote after the header was read', () => {
    const file = join(dir, 'rewritten.kinds');
    writeKindsFile(file, { key: 'k1' }, [doc], []);
    const kinds = readKindsFile(file)!;
    writeKindsFile(file, { key: 'k2' }, [doc], []);
    assert.throws(() => kinds.read(gvk('Pod')), /the schema cache changed while it was read; run again$/);
    rmSync(file);
    assert.throws(() => kinds.read(gvk('Pod')), /the schema cache changed while it was read; run again$/);
  });

  it('reads no file as a cache that is not one', () => {
    assert.equal(readKindsFile(join(dir, 'absent.kinds')), undefined);
    for (const [name, text] of [
      ['empty.kinds', ''],
      ['text.kinds', 'not json\n'],
      ['cut.kinds', '{"key":'],
    ]) {
      writeFileSync(join(dir, name), text);
      assert.equal(readKindsFile(join(dir, name)), undefined, name);
    }
  });
});
