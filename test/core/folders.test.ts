// Input folders follow symbolic links (to files and to folders) for spec folders, CRD folders and input hashing
// alike; each real file is read once, and a link cycle or a broken link to a document is an error naming the link.
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { resolveCrdPaths } from '../../core/source/crd/patterns.ts';
import { filesUnder } from '../../core/source/folders.ts';
import { hashInputs } from '../../core/source/inputs/hash.ts';
import { loadSpecs } from '../../core/source/load.ts';
import { crdYaml, specWith } from '../helpers/hostile-specs.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'folders');
const spec = join(work, 'spec');
const elsewhere = join(work, 'elsewhere');

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A symbolic link at `path` to `target`, written relative as users usually write them. */
function link(path: string, target: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path);
}

const document = JSON.stringify(specWith({ type: 'string' }));
const read = async (dir: string) => (await loadSpecs([dir])).map((d) => relative(dir, d.file));

describe('input folders and symbolic links', () => {
  beforeEach(() => {
    rmSync(work, { recursive: true, force: true });
    put(join(spec, 'api', 'v1.json'), document);
    put(join(elsewhere, 'v1.json'), document);
    put(join(elsewhere, 'group', 'v1beta1.json'), document);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('a v3 spec folder reads a linked document and a linked folder', async () => {
    link(join(spec, 'apis', 'hostile.kubegen.dev', 'v1.json'), join(elsewhere, 'v1.json'));
    link(join(spec, 'apis', 'other.kubegen.dev'), join(elsewhere, 'group'));
    assert.deepEqual(await read(spec), [
      'api/v1.json',
      'apis/hostile.kubegen.dev/v1.json',
      'apis/other.kubegen.dev/v1beta1.json',
    ]);
  });

  it('a file reached twice (as itself and through a link) is read once, under its first path', async () => {
    link(join(spec, 'apis', 'again', 'v1.json'), join(spec, 'api', 'v1.json'));
    assert.deepEqual(await read(spec), ['api/v1.json']);
  });

  const refused: [string, () => void, RegExp][] = [
    [
      'a link back to a folder that contains it',
      () => link(join(spec, 'apis', 'loop'), spec),
      /apis\/loop: a symbolic link cycle: it leads back to \S+\/spec, which contains it$/,
    ],
    [
      'a link to itself',
      () => symlinkSync('self.json', join(spec, 'api', 'self.json')),
      /api\/self\.json: a symbolic link cycle: the link leads to itself$/,
    ],
    [
      'a broken link to a document',
      () => link(join(spec, 'api', 'gone.json'), join(elsewhere, 'nothing.json')),
      /api\/gone\.json: a broken symbolic link \(its target does not exist\)$/,
    ],
  ];
  for (const [what, make, message] of refused) {
    it(`a spec folder with ${what}: one error naming the link`, async () => {
      make();
      await assert.rejects(loadSpecs([spec]), message);
      await assert.rejects(hashInputs([spec], {}), message);
    });
  }

  it('a broken link that is not a document is left alone', async () => {
    link(join(spec, 'README.md'), join(elsewhere, 'nothing.md'));
    assert.deepEqual(await read(spec), ['api/v1.json']);
  });

  it('a CRD folder follows links too, and names a cycle with the option it came from', async () => {
    const crds = join(work, 'crds');
    put(join(elsewhere, 'widget.yaml'), crdYaml('{type: object}'));
    link(join(crds, 'widget.yaml'), join(elsewhere, 'widget.yaml'));
    assert.deepEqual(await resolveCrdPaths([crds]), [join(crds, 'widget.yaml')]);
    link(join(crds, 'nested', 'up'), crds);
    await assert.rejects(
      resolveCrdPaths([crds], work),
      /^Error: --crd \S+\/crds: \S+\/crds\/nested\/up: a symbolic link cycle: it leads back to \S+\/crds, which contains it$/,
    );
  });

  it('the build key changes when a linked document changes', async () => {
    link(join(spec, 'apis', 'hostile.kubegen.dev', 'v1.json'), join(elsewhere, 'v1.json'));
    const before = await hashInputs([spec], {});
    assert.deepEqual(Object.keys(before.inputs).length, 2);
    put(join(elsewhere, 'v1.json'), document.replace('"hostile"', '"changed"'));
    assert.notEqual((await hashInputs([spec], {})).key, before.key);
  });

  it('a folder as typed (relative, ./, a trailing slash): the paths join gives, the same names in the build key', async () => {
    put(join(spec, 'apis', 'apps', 'v1.json'), document);
    const typed = relative(process.cwd(), spec);
    const inside = ['api/v1.json', 'apis/apps/v1.json'];
    const keys = new Set<string>();
    for (const dir of [typed, `${typed}/`, `./${typed}`, spec]) {
      assert.deepEqual(
        await filesUnder(dir),
        inside.map((f) => join(dir, f)),
        dir,
      );
      const hashed = await hashInputs([dir], {});
      assert.deepEqual(
        Object.keys(hashed.inputs),
        inside.map((f) => `${typed}/${f}`),
        dir,
      );
      keys.add(hashed.key);
    }
    assert.equal(keys.size, 1);
  });
});
