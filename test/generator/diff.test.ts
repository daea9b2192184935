// `kubegen diff` in process, on the project's two releases of an operator's CRDs: what the report holds (and that
// it fits docs/diff.schema.json), which --fail-on conditions it meets, the release words, and the Markdown shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildModel } from '../../core/model/build.ts';
import { crdDocuments, readCrds } from '../../core/source/inputs/files.ts';
import { diffModels } from '../../generator/diff/diff.ts';
import { formatMarkdown } from '../../generator/diff/markdown.ts';
import { releaseStep } from '../../generator/diff/releases.ts';
import { failureLine, parseFailOn } from '../../generator/diff/verdict.ts';
import { diffSchemaErrors } from '../helpers/diff-schema.ts';
import { projectRoot } from '../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'diff');
const model = async (file: string) => buildModel(await crdDocuments(await readCrds([join(fixtures, file)])));

async function releases(from = 'v1.4.0', to = 'v1.5.2') {
  return diffModels(await model('release-1.yaml'), await model('release-2.yaml'), {
    from: { label: 'release-1.yaml', version: from },
    to: { label: 'release-2.yaml', version: to },
  });
}

describe('kubegen diff of two releases of CRDs', () => {
  it('lists removals, retyped and newly required fields, deprecations, and counts them', async () => {
    const diff = await releases();
    assert.deepEqual(diffSchemaErrors(diff), []);
    assert.deepEqual(diff.summary, { breaking: 6, removed: 2, deprecated: 2, added: 4, changed: 3 });
    assert.deepEqual(diff.replacements, [
      {
        resource: { groupVersion: 'shop.example.com/v1alpha1', resource: 'gadgets', kind: 'Gadget' },
        servedIn: [],
        removedIn: 'v1.5.2',
      },
    ]);
    const [widget] = diff.fields;
    assert.deepEqual(widget, {
      schema: 'com.example.shop.v1alpha1.Widget',
      kind: 'shop.example.com/v1alpha1 Widget',
      changedIn: 'v1.5.2',
      added: [
        { field: 'spec.shape', type: 'string' },
        { field: 'spec.parts[].count', type: 'integer', required: true },
      ],
      removed: [{ field: 'spec.legacyName', type: 'string' }],
      changed: [{ field: 'spec.size', from: 'integer', to: 'int-or-string' }],
      becameRequired: ['spec.color', 'spec.parts[].name'],
      becameOptional: [],
    });
    assert.deepEqual(diff.deprecations, [
      {
        scope: 'group-version',
        groupVersion: 'shop.example.com/v1alpha1',
        message: 'shop.example.com/v1alpha1 Widget is deprecated; use shop.example.com/v1 Widget',
        replacement: 'shop.example.com/v1 Widget',
        deprecatedIn: 'v1.5.2',
      },
      {
        scope: 'field',
        schema: 'com.example.shop.v1alpha1.Widget',
        kind: 'shop.example.com/v1alpha1 Widget',
        field: 'status.ready',
        message: 'use the Ready condition instead.',
        replacement: 'Ready condition',
        deprecatedIn: 'v1.5.2',
      },
    ]);
  });

  it('says "by" the newer release when the sides are further apart, and nothing when it is unknown', async () => {
    const apart = await releases('v1.2.0', 'v1.5.2');
    assert.deepEqual(
      [apart.replacements[0]!.removedBy, apart.deprecations[0]!.deprecatedBy, apart.fields[0]!.changedBy],
      ['v1.5.2', 'v1.5.2', 'v1.5.2'],
    );
    assert.equal(apart.deprecations[0]!.deprecatedIn, undefined);
    const cases: Array<[string | undefined, string | undefined, ReturnType<typeof releaseStep>]> = [
      ['v1.34.0', 'v1.35.0', { exact: 'v1.35.0', by: 'v1.35.0' }],
      ['v1.35.0', 'v1.35.2', { exact: 'v1.35.2', by: 'v1.35.2' }],
      ['v1.28.0', 'v1.35.0', { by: 'v1.35.0' }],
      [undefined, 'v1.35.0', { by: 'v1.35.0' }],
      ['v1.35.0', undefined, {}],
      ['v1.35.0', 'unversioned', {}],
    ];
    for (const [from, to, want] of cases) assert.deepEqual(releaseStep(from, to), want, `${from} → ${to}`);
  });

  it('meets the --fail-on conditions it holds; the other way round only removals and breaking changes', async () => {
    const diff = await releases();
    assert.equal(
      failureLine(diff, parseFailOn(['removed,deprecated', 'breaking'])),
      'kubegen diff: 2 removed: shop.example.com/v1alpha1 Gadget, com.example.shop.v1alpha1.Widget.spec.legacyName; ' +
        '2 deprecated: shop.example.com/v1alpha1, com.example.shop.v1alpha1.Widget.status.ready; ' +
        '6 breaking: shop.example.com/v1alpha1 Gadget, com.example.shop.v1alpha1.Widget.spec.legacyName, ' +
        'com.example.shop.v1alpha1.Widget.spec.size and 3 more (--fail-on removed,deprecated,breaking)',
    );
    const back = diffModels(await model('release-2.yaml'), await model('release-1.yaml'), {
      from: { label: 'release-2.yaml' },
      to: { label: 'release-1.yaml' },
    });
    assert.deepEqual(diffSchemaErrors(back), []);
    assert.equal(failureLine(back, parseFailOn(['deprecated'])), '');
    assert.match(
      failureLine(back, parseFailOn(['breaking'])),
      new RegExp(`^kubegen diff: ${back.summary.breaking} breaking: shop\\.example\\.com/v1,`),
    );
    const same = diffModels(await model('release-2.yaml'), await model('release-2.yaml'), {
      from: { label: 'a' },
      to: { label: 'b' },
    });
    assert.equal(failureLine(same, parseFailOn(['removed', 'deprecated', 'breaking'])), '');
    assert.throws(
      () => parseFailOn(['removed,changed']),
      /^Error: --fail-on changed: expected removed, deprecated, breaking/,
    );
  });

  it('writes Markdown for a pull request comment: tables of what breaks and what is deprecated, additions folded', async () => {
    assert.equal(
      formatMarkdown(await releases()),
      `### kubegen diff: \`release-1.yaml\` (v1.4.0) → \`release-2.yaml\` (v1.5.2)

**6 breaking changes** · 2 removed · 2 newly deprecated · 4 added · 3 changed

#### Resources removed in v1.5.2

| Resource | Use instead |
|---|---|
| \`shop.example.com/v1alpha1 gadgets\` (Gadget) | no longer served |

#### Newly deprecated

| What | Deprecated | Use instead | Note |
|---|---|---|---|
| \`shop.example.com/v1alpha1\` (every resource) | v1.5.2 | \`shop.example.com/v1 Widget\` | shop.example.com/v1alpha1 Widget is deprecated; use shop.example.com/v1 Widget |

<details><summary>Fields newly deprecated (1)</summary>

| What | Deprecated | Use instead | Note |
|---|---|---|---|
| \`com.example.shop.v1alpha1.Widget.status.ready\` (shop.example.com/v1alpha1 Widget) | v1.5.2 | \`Ready condition\` | use the Ready condition instead. |

</details>

#### Fields removed, retyped or now required in v1.5.2

| Schema | Field | Change |
|---|---|---|
| \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget) | \`spec.legacyName\` | removed (string) |
| \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget) | \`spec.size\` | integer → int-or-string |
| \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget) | \`spec.color\` | now required |
| \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget) | \`spec.parts[].name\` | now required |
| \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget) | \`spec.parts[].count\` | added, required (integer) |

<details><summary>Added</summary>

- Group-versions: \`shop.example.com/v1\`
- \`shop.example.com/v1alpha1 widgets\` (Widget): status (subresource)
- \`com.example.shop.v1alpha1.Widget\` (shop.example.com/v1alpha1 Widget): \`spec.shape\`: string

</details>
`,
    );
  });

  it('escapes what would break a table or a code span', async () => {
    const diff = await releases();
    diff.deprecations[0]!.message = 'a | b\nc';
    diff.deprecations[0]!.replacement = '`spec.image`';
    const row = formatMarkdown(diff)
      .split('\n')
      .find((l) => l.startsWith('| `shop.example.com/v1alpha1` (every resource)'));
    assert.equal(row, '| `shop.example.com/v1alpha1` (every resource) | v1.5.2 | `` `spec.image` `` | a \\| b c |');
  });
});
