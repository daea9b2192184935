// Spec files streamed to the model builder: each is read and parsed only when taken, and the documents are those
// that loading them all at once gives.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs, parseSpecs, specFiles } from '../../core/source/load.ts';
import { specWith } from '../helpers/hostile-specs.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'spec-stream');
const spec = join(work, 'spec');

function put(rel: string, text: string): string {
  const path = join(spec, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('spec files streamed to the model builder', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('reads each file only when the one before it has been taken', async () => {
    rmSync(work, { recursive: true, force: true });
    const first = put('apis/a/v1.json', JSON.stringify(specWith({ type: 'string' })));
    const second = put('apis/b/v1.json', '{ not json');
    assert.deepEqual(await specFiles([spec]), [first, second]);
    const documents = parseSpecs(await specFiles([spec]));
    assert.equal((await documents.next()).value?.file, first);
    // Mended after the first was taken: a reader that parsed both at once would have failed on it.
    writeFileSync(second, JSON.stringify(specWith({ type: 'integer' })));
    assert.equal((await documents.next()).value?.file, second);
    assert.equal((await documents.next()).done, true);
  });

  it('names the file that does not parse when it is taken', async () => {
    rmSync(work, { recursive: true, force: true });
    put('apis/a/v1.json', JSON.stringify(specWith({ type: 'string' })));
    const bad = put('apis/b/v1.json', '{ not json');
    const documents = parseSpecs(await specFiles([spec]));
    await documents.next();
    await assert.rejects(documents.next(), (err: Error) => err.message.includes(bad));
  });

  it('parses the same documents, in the same order, as loading them all at once', async () => {
    rmSync(work, { recursive: true, force: true });
    put('apis/a/v1.json', JSON.stringify(specWith({ type: 'string' })));
    put('apis/b/v1.json', JSON.stringify(specWith({ type: 'string' }, { 'io.k8s.extra.v1.Note': { type: 'object' } })));
    const streamed = [];
    for await (const doc of parseSpecs(await specFiles([spec]))) streamed.push(doc);
    assert.equal(streamed.length, 2);
    assert.deepEqual(streamed, await loadSpecs([spec]));
  });
});
