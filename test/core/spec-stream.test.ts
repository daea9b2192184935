// Spec files streamed to the model builder: each is read and parsed only when taken, and building a document at a
// time gives the model that building them all at once gives.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, modelBuilder } from '../../core/model/build.ts';
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

  it('builds the same model a document at a time as all at once', async () => {
    rmSync(work, { recursive: true, force: true });
    put('apis/a/v1.json', JSON.stringify(specWith({ type: 'string' })));
    put('apis/b/v1.json', JSON.stringify(specWith({ type: 'string' }, { 'io.k8s.extra.v1.Note': { type: 'object' } })));
    const docs = await loadSpecs([spec]);
    const builder = modelBuilder();
    for await (const doc of parseSpecs(await specFiles([spec]))) builder.add(doc);
    assert.deepEqual(builder.finish(), buildModel(docs));
  });
});
