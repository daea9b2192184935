// Deprecations reach the editor: from a spec that says "deprecated" each way kube-apiserver's do, the generated
// group-version client, kinds, resources, operations and fields carry `@deprecated` (with the release and what to
// use instead when the spec names them), and TypeScript's language service strikes exactly those uses through.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderFiles } from '../../generator/emit/render.ts';
import { modelFromSpecs } from '../../generator/pipeline/generate.ts';
import { consumerView } from '../helpers/language-service.ts';
import { projectRoot } from '../helpers/shared.ts';

const spec = join(projectRoot, 'test', 'fixtures', 'emit', 'deprecated.yaml');
const root = join(projectRoot, 'test', '.work', 'deprecated');

const program = `import { shopExampleComV1beta1, type ShopExampleComV1Client } from './index.js';
import type { Gizmo as OldGizmo } from './shop.example.com/v1beta1.js';
import type { Gizmo, Widget } from './shop.example.com/v1.js';
declare const client: ShopExampleComV1Client;
export const factory = shopExampleComV1beta1;
export const gizmo: Gizmo = { size: 1, legacySize: 2 };
export const size = gizmo.legacySize;
export type Kinds = [OldGizmo, Widget];
export const calls = [client.gizmos.get, client.gizmos.delete, client.gizmos.watch, client.widgets.list];
`;

describe('deprecations in generated code', () => {
  it('are struck through where used: group-version, kinds, resource, operation, field; not the rest', async () => {
    const view = consumerView(renderFiles(await modelFromSpecs([spec])), program, root);
    assert.deepEqual(view.deprecated(), [
      'shopExampleComV1beta1',
      'Gizmo as OldGizmo',
      'Widget',
      'shopExampleComV1beta1',
      'legacySize',
      'OldGizmo',
      'Widget',
      'delete',
      'widgets',
    ]);
    // The `/watch/` path the watch method may call is deprecated in every release, the method is not.
    assert.equal(view.hover('watch,').tags.length, 0);
    assert.deepEqual(view.hover('shopExampleComV1beta1;').tags, [
      '@deprecated since v1.30; use shop.example.com/v1 Gizmo instead',
    ]);
    assert.deepEqual(view.hover('widgets.list').tags, ['@deprecated since v1.31, removed in v1.34; use Gizmo instead']);
    assert.deepEqual(view.hover('legacySize;'), {
      display: '(property) Gizmo.legacySize?: number | undefined',
      documentation: 'Deprecated: use size instead.',
      tags: ['@deprecated use size instead'],
    });
    assert.deepEqual(view.hover('delete,').tags, ['@deprecated']);
  });
});
