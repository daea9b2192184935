// Given/want tables for the client views: what each resource's doc says and how its methods are typed, from the
// project's small spec and CRD.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ApiModel } from '../../../core/model/types.ts';
import { renderFiles } from '../../../generator/emit/render.ts';
import { modelFromSpecs } from '../../../generator/pipeline/generate.ts';
import { modelFromCrds } from '../../helpers/models.ts';
import { projectRoot } from '../../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'emit');
const fromSpec = () => modelFromSpecs([join(fixtures, 'types.yaml')]);
const fromCrd = () => modelFromCrds([join(fixtures, 'nested-crd.yaml')]);

/** The lines of group-version module `file` that match `pattern`, trimmed. */
async function lines(build: () => Promise<ApiModel>, file: string, pattern: RegExp): Promise<string[]> {
  const text = renderFiles(await build()).get(file) ?? '';
  return text
    .split('\n')
    .filter((l) => pattern.test(l))
    .map((l) => l.trim());
}

describe('client views', () => {
  it("list the verbs a resource's client serves, watch included", async () => {
    const cases: [build: () => Promise<ApiModel>, file: string, want: string[]][] = [
      [
        fromCrd,
        'nested.kubegen.dev/v1.ts',
        [
          '/** Vault: `vaults`, namespaced. Verbs: create, delete, deletecollection, get, list, patch, update, watch. */',
        ],
      ],
      [
        fromSpec,
        'types.kubegen.dev/v1.ts',
        ['/** Sample: `samples`, namespaced. Verbs: create, get, list, patch, update, watch. */'],
      ],
    ];
    for (const [build, file, want] of cases) assert.deepEqual(await lines(build, file, /Verbs:/), want, file);
  });

  it('type bodies that hold a quantity as `$Write<T>`, and watch events with the Status of an ERROR', async () => {
    const cases: [build: () => Promise<ApiModel>, file: string, want: string[]][] = [
      [
        fromSpec,
        'types.kubegen.dev/v1.ts',
        [
          'create(body: $Write<Sample>, options?: $CallOptions & $InNamespace): Promise<Sample>;',
          'update(name: string, body: $Write<Sample>, options?: $CallOptions & $InNamespace): Promise<Sample>;',
          'watch(options?: $CallOptions & $InNamespace): AsyncIterable<$WatchEvent<Sample, Status>>;',
        ],
      ],
      // No quantity in a CRD's schema (its quantities are int-or-string); Status from kubegen's own meta schemas.
      [
        fromCrd,
        'nested.kubegen.dev/v1.ts',
        [
          'create(body: Vault, options?: $CallOptions & $InNamespace & $CreateQuery): Promise<Vault>;',
          'update(name: string, body: Vault, options?: $CallOptions & $InNamespace & $CreateQuery): Promise<Vault>;',
          'watch(options?: $CallOptions & $AnyNamespace & $WatchQuery): AsyncIterable<$WatchEvent<Vault, Status>>;',
        ],
      ],
    ];
    const members = /^\s+(create|update|watch)\(/;
    for (const [build, file, want] of cases) assert.deepEqual(await lines(build, file, members), want, file);
  });
});
