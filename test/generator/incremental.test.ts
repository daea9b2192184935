// A regeneration after CRD manifests change rebuilds only the groups they define, and writes the bytes a whole build
// (--force) writes, stamp included; where that cannot be shown it builds the whole and says why. The inputs: the
// example spec, two manifests of one group (example.dev: Gadget and Gizmo in one, Sprocket in the other) and one of
// another group, changed in each way a CRD changes.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type BuildOptions, runBuild } from '../../generator/pipeline/run.ts';
import { snapshot } from '../helpers/build.ts';
import { scratchCache } from '../helpers/scratch-cache.ts';
import { projectRoot } from '../helpers/shared.ts';

const gadget = readFileSync(join(projectRoot, 'test', 'fixtures', 'build', 'gadget-crd.yaml'), 'utf8');
/** The Gadget CRD renamed to another kind of the same group. */
const renamed = (kind: string, text = gadget) =>
  text
    .replace(/^#.*\n/, '')
    .replace(/gadgets/g, `${kind.toLowerCase()}s`)
    .replace(/Gadget/g, kind)
    .replace(/ gadget\n/, ` ${kind.toLowerCase()}\n`)
    .replace('[gd]', `[${kind.slice(0, 3).toLowerCase()}]`);
const manifests = {
  'parts.yaml': `${gadget}---\n${renamed('Gizmo')}`,
  'sprockets.yaml': renamed('Sprocket'),
  'other.yaml': readFileSync(join(projectRoot, 'test', 'fixtures', 'crd-groups', 'a.b.example.com.yaml'), 'utf8'),
};
type Manifest = keyof typeof manifests;

describe('a regeneration after CRD manifests change', () => {
  const scratch = scratchCache('kubegen-incremental-');
  let dir: string;
  let spec: string;
  let crds: string;
  before(() => {
    ({ dir, spec } = scratch);
    crds = join(dir, 'crds');
    mkdirSync(crds);
  });

  let outs = 0;
  function reset(): void {
    rmSync(crds, { recursive: true, force: true });
    mkdirSync(crds);
    for (const [name, text] of Object.entries(manifests)) writeFileSync(join(crds, name), text);
    copyFileSync(join(projectRoot, 'examples', 'widgets-api.yaml'), spec);
  }

  async function build(out: string, options: Partial<BuildOptions> = {}) {
    const stages: string[] = [];
    const read: string[] = [];
    const fallback: string[] = [];
    const result = await runBuild(
      { spec: [spec], crd: [crds], out, ...options },
      { onStage: (s) => stages.push(s), onRead: (l) => read.push(l), onFallback: (why) => fallback.push(why) },
    );
    assert.equal(result.status, 'written');
    return { stages, read: read.join('\n'), fallback: fallback.join('\n') };
  }

  /**
   * Builds the original inputs into a new folder, applies `change`, regenerates there, and compares with a whole
   * build of the changed inputs into another folder; returns what the regeneration did.
   */
  async function regenerate(change: () => void, options: Partial<BuildOptions> = {}) {
    reset();
    const out = join(dir, `out-${++outs}`);
    await build(out, options);
    change();
    const again = await build(out, options);
    const whole = join(dir, `out-${++outs}`);
    const forced = await build(whole, { ...options, force: true });
    assert.ok(forced.stages.includes('normalize'));
    assert.deepEqual(snapshot(out), snapshot(whole), 'the same bytes as a whole build');
    return again;
  }

  const edit = (name: Manifest, from: string | RegExp, to: string) => () => {
    const text = readFileSync(join(crds, name), 'utf8');
    assert.notEqual(text.replace(from, to), text, `${String(from)} is in ${name}`);
    writeFileSync(join(crds, name), text.replace(from, to));
  };
  const partial = (r: { stages: string[]; read: string; fallback: string }, groups: string) => {
    assert.ok(r.stages.includes('record'), r.fallback);
    assert.ok(!r.stages.includes('normalize'), 'the whole model is not built');
    assert.match(r.read, new RegExp(`\\(incremental: rebuilt ${groups.replace(/\./g, '\\.')} for 1 changed CRD file`));
  };
  const whole = (r: { stages: string[]; fallback: string }, why: RegExp) => {
    assert.ok(r.stages.includes('normalize'));
    assert.match(r.fallback, why);
  };

  it('rebuilds the group alone when a description changes', async () => {
    partial(await regenerate(edit('parts.yaml', 'A Gadget is a thing', 'A Gadget is a new thing')), 'example.dev');
    // Again from the record the rebuild left.
    const out = join(dir, `out-${outs - 1}`);
    edit('parts.yaml', 'A Gadget is a new thing', 'A Gadget is a newer thing')();
    partial(await build(out), 'example.dev');
    const whole = join(dir, `out-${++outs}`);
    await build(whole, { force: true });
    assert.deepEqual(snapshot(out), snapshot(whole), 'the same bytes as a whole build');
  });

  it('rebuilds the group alone when a field is added', async () => {
    const field = '                color:\n                  type: string\n';
    const more = `${field}                weight:\n                  type: number\n                  description: In grams.\n`;
    partial(await regenerate(edit('sprockets.yaml', field, more)), 'example.dev');
  });

  it('rebuilds the group alone when a kind is added or removed', async () => {
    const added = regenerate(() => {
      writeFileSync(join(crds, 'sprockets.yaml'), `${manifests['sprockets.yaml']}---\n${renamed('Cog')}`);
    });
    partial(await added, 'example.dev');
    const removed = await regenerate(() => writeFileSync(join(crds, 'parts.yaml'), gadget));
    partial(removed, 'example.dev');
  });

  it('builds the whole when a group-version is added or removed, with the same bytes', async () => {
    const version = `    - name: v2alpha1\n      served: true\n      storage: false\n      schema:\n        openAPIV3Schema:\n          type: object\n`;
    const added = () => writeFileSync(join(crds, 'sprockets.yaml'), `${manifests['sprockets.yaml']}${version}`);
    whole(await regenerate(added), /v2alpha1 is a new group-version/);
    // One kind leaving a version others still serve changes that module alone.
    partial(await regenerate(edit('sprockets.yaml', /\n {4}- name: v1beta1[\s\S]*$/, '\n')), 'example.dev');
    const removed = await regenerate(() => {
      for (const name of ['sprockets.yaml', 'parts.yaml'] as const)
        edit(name, /\n {4}- name: v1beta1[\s\S]*?(?=\n---|$)/g, '\n')();
    });
    whole(removed, /a group-version was removed/);
  });

  it('builds the whole when a group is renamed, with the same bytes', async () => {
    const r = await regenerate(edit('sprockets.yaml', /example\.dev/g, 'parts.example.dev'));
    whole(r, /new group-version|names a kind that changed/);
  });

  it('builds the whole when anything but CRD manifests changed', async () => {
    const r = await regenerate(() => {
      edit('parts.yaml', 'A Gadget is a thing', 'A Gadget is a new thing')();
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('the build version of the server', 'the version'));
    });
    whole(r, /inputs other than CRD manifests changed/);
  });

  it('builds the whole when the spec serves the group of a changed CRD', async () => {
    const widgets = renamed('Doohickey').replace(/example\.dev/g, 'example.kubegen.dev');
    manifests['extra.yaml' as Manifest] = widgets;
    try {
      const r = await regenerate(() => writeFileSync(join(crds, 'extra.yaml'), widgets.replace('thing', 'gadget')));
      whole(r, /a spec document serves a group of the changed CRDs/);
    } finally {
      delete manifests['extra.yaml' as Manifest];
    }
  });

  /** The parts of kept records, in the suite's cache. */
  const parts = () => join(dir, 'cache', 'kubegen', 'build-record-parts');
  /** A description reworded as no other case rewords it: a build of the same inputs would come from the cache. */
  const reword = (word: string) => edit('parts.yaml', 'A Gadget is a thing', `A Gadget is a ${word} thing`)();

  it('builds the whole when a part of the record is damaged, with the same bytes', async () => {
    const r = await regenerate(() => {
      reword('damaged');
      for (const name of readdirSync(parts())) {
        const text = readFileSync(join(parts(), name), 'utf8');
        writeFileSync(join(parts(), name), text.replace(/example\.dev/g, 'example.dew'));
      }
    });
    whole(r, /the record's part \w+ is missing or damaged/);
    // A part found damaged is let go: each regeneration after gives the bytes of a whole build.
    const out = join(dir, `out-${outs - 1}`);
    for (const word of ['mended', 'fine']) {
      edit('parts.yaml', /a \w+ thing/, `a ${word} thing`)();
      await build(out);
      const whole = join(dir, `out-${++outs}`);
      await build(whole, { force: true });
      assert.deepEqual(snapshot(out), snapshot(whole), 'the same bytes as a whole build');
    }
  });

  it('builds the whole when the text of the spec hash is missing, with the same bytes', async () => {
    const r = await regenerate(() => {
      reword('missing');
      const stamp = readFileSync(join(dir, `out-${outs}`, '.kubegen-stamp.json'), 'utf8');
      const { specHash } = JSON.parse(stamp) as { specHash: string };
      assert.ok(existsSync(join(parts(), specHash)), 'the text is kept under the spec hash');
      rmSync(join(parts(), specHash));
    });
    whole(r, /part \w+ is missing/);
  });

  it('builds the whole when the record itself does not read', async () => {
    const r = await regenerate(() => {
      reword('unread');
      const records = join(dir, 'cache', 'kubegen', 'build-records');
      for (const name of readdirSync(records)) writeFileSync(join(records, name), 'not a record');
    });
    whole(r, /the cache holds no record of the previous build/);
  });

  it('is not tried for options that read the whole model', async () => {
    const r = await regenerate(edit('parts.yaml', 'A Gadget is a thing', 'A Gadget is a new thing'), {
      validators: true,
    });
    assert.ok(r.stages.includes('normalize'));
    assert.equal(r.fallback, '');
  });
});
