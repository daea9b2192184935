// Given/want table for which schemas hold a Quantity at some depth: their request bodies are typed `$Write<T>`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Schema } from '../../../core/model/types.ts';
import { prepareSchemas } from '../../../generator/emit/types.ts';
import { quantityHolders } from '../../../generator/emit/write.ts';
import { schemaModel } from '../../helpers/models.ts';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const quantity: Schema = { $ref: `#/components/schemas/${QUANTITY}` };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties });

function holders(schemas: Record<string, Schema>): string[] {
  return [...quantityHolders(prepareSchemas(schemaModel(schemas)))].sort();
}

describe('quantity holders', () => {
  it('are the schemas that reach a Quantity through fields, items, map values, compositions and nested objects', () => {
    const cases: [given: Record<string, Schema>, want: string[]][] = [
      [{ 'io.x.v1.Pod': obj({ name: { type: 'string' } }) }, []],
      [{ [QUANTITY]: { type: 'string' }, 'io.x.v1.Pod': obj({ name: { type: 'string' } }) }, [QUANTITY]],
      [
        {
          [QUANTITY]: { type: 'string' },
          'io.x.v1.Pod': obj({ spec: ref('io.x.v1.PodSpec'), meta: ref('io.x.v1.Meta') }),
          'io.x.v1.PodSpec': obj({ containers: { type: 'array', items: ref('io.x.v1.Container') } }),
          'io.x.v1.Container': obj({ limits: { type: 'object', additionalProperties: quantity } }),
          'io.x.v1.Meta': obj({ name: { type: 'string' } }),
        },
        [QUANTITY, 'io.x.v1.Container', 'io.x.v1.Pod', 'io.x.v1.PodSpec'],
      ],
      [
        { [QUANTITY]: { type: 'string' }, 'io.x.v1.Claim': { allOf: [obj({ size: { oneOf: [quantity] } })] } },
        [QUANTITY, 'io.x.v1.Claim'],
      ],
      [
        { [QUANTITY]: { type: 'string' }, 'io.x.v1.Vault': obj({ spec: obj({ size: quantity }) }) },
        [QUANTITY, 'io.x.v1.Vault', 'io.x.v1.Vault#/properties/spec'],
      ],
      // A reference cycle ends: each schema is visited once.
      [
        { [QUANTITY]: { type: 'string' }, 'io.x.v1.Node': obj({ next: ref('io.x.v1.Node'), size: quantity }) },
        [QUANTITY, 'io.x.v1.Node'],
      ],
    ];
    for (const [given, want] of cases) assert.deepEqual(holders(given), want, Object.keys(given).join(', '));
  });
});
