// Given/want tables for the type stage: a named schema in, the declarations kubegen writes for it out — the
// shape openapi-typescript converts, in the house style, with kubegen's JSDoc.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Schema } from '../../../core/model/types.ts';
import { ModuleRefs, planModules } from '../../../generator/emit/plan.ts';
import { prepareSchemas, schemaDeclarations } from '../../../generator/emit/types.ts';
import { schemaModel } from '../../helpers/models.ts';

/** The declarations of schema `io.x.v1.Thing` (beside `io.x.v1.Other`, an object it may reference), joined. */
function declare(schema: Schema): string {
  const model = schemaModel({ 'io.x.v1.Thing': schema, 'io.x.v1.Other': { type: 'object' } });
  const prepared = prepareSchemas(model);
  const plan = planModules(model, 'js', prepared.nested);
  const decls = schemaDeclarations(model, plan, plan.meta, new ModuleRefs(plan, plan.meta), prepared).declarations;
  return decls.slice(1).join('\n');
}

const lines = (...l: string[]) => l.join('\n');

describe('declarations', () => {
  it('write each schema shape in the house style', () => {
    const cases: [given: Schema, want: string][] = [
      [{ type: 'string' }, 'export type Thing = string;'],
      [{ type: 'string', enum: ['a', "it's", 'é'] }, "export type Thing = 'a' | 'it\\'s' | 'é';"],
      [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' }, 'b-c': { type: 'integer' } } },
        lines('export interface Thing {', '  a: string;', "  'b-c'?: number;", '}'),
      ],
      [
        { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        lines('export interface Thing {', '  [key: string]: string[];', '}'),
      ],
      [{ $ref: '#/components/schemas/io.x.v1.Other' }, 'export type Thing = Other;'],
      [
        { oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
        'export type Thing = (string | number) | null;',
      ],
      [
        {
          type: 'object',
          properties: {
            deep: {
              type: 'object',
              properties: { deeper: { type: 'object', properties: { x: { type: 'boolean' } } } },
            },
          },
        },
        lines(
          'export interface Thing {',
          '  deep?: ThingDeep;',
          '}',
          '/** The `deep` field of a `Thing`. */',
          'export interface ThingDeep {',
          '  deeper?: ThingDeepDeeper;',
          '}',
          '/** The `deep.deeper` field of a `Thing`. */',
          'export interface ThingDeepDeeper {',
          '  x?: boolean;',
          '}',
        ),
      ],
      [
        {
          type: 'object',
          properties: { opt: { type: 'object', nullable: true, properties: { x: { type: 'string' } } } },
        },
        lines(
          'export interface Thing {',
          '  opt?: ThingOpt | null;',
          '}',
          '/** The `opt` field of a `Thing`. */',
          'export interface ThingOpt {',
          '  x?: string;',
          '}',
        ),
      ],
      [
        // A field name that would close the comment naming its type stays inside it.
        { type: 'object', properties: { 'a*/b': { type: 'object', properties: { x: { type: 'string' } } } } },
        lines(
          'export interface Thing {',
          "  'a*/b'?: ThingAB;",
          '}',
          '/** The `a*\\/b` field of a `Thing`. */',
          'export interface ThingAB {',
          '  x?: string;',
          '}',
        ),
      ],
    ];
    for (const [given, want] of cases) assert.equal(declare(given), want, JSON.stringify(given));
  });

  it('document each field with its description first, then tags with JSON values, never an empty tag', () => {
    const field = (s: Schema) => {
      const text = declare({ type: 'object', properties: { f: s } }).split('\n');
      return text
        .slice(
          1,
          text.findIndex((l) => l.startsWith('  f')),
        )
        .join('\n');
    };
    const cases: [given: Schema, want: string][] = [
      [{ type: 'string' }, ''],
      [{ type: 'string', description: 'The name.' }, '  /** The name. */'],
      [{ type: 'string', default: '' }, '  /** @default "" */'],
      [
        { type: 'string', description: 'The mode.', default: 'Fast' },
        lines('  /**', '   * The mode.', '   *', '   * @default "Fast"', '   */'),
      ],
      [
        { type: 'integer', format: 'int64', default: 0 },
        lines('  /**', '   * @format int64', '   * @default 0', '   */'),
      ],
      [{ type: 'object', default: {}, additionalProperties: { type: 'string' } }, '  /** @default {} */'],
      [{ type: 'array', items: { type: 'string' }, default: ['a'] }, '  /** @default ["a"] */'],
      [
        { type: 'boolean', default: false, example: true },
        lines('  /**', '   * @default false', '   * @example true', '   */'),
      ],
      [
        { type: 'string', deprecated: true, description: 'Old.' },
        lines('  /**', '   * Old.', '   *', '   * @deprecated', '   */'),
      ],
      [
        { type: 'string', description: 'Old.\n\n@deprecated use g', deprecated: true },
        lines('  /**', '   * Old.', '   *', '   * @deprecated use g', '   */'),
      ],
      [
        { type: 'string', description: '  Two lines,  \n  the second indented.\n' },
        lines('  /**', '   * Two lines,', '   *   the second indented.', '   */'),
      ],
      [
        { type: 'string', description: 'Closes */ here', default: '*/' },
        lines('  /**', '   * Closes *\\/ here', '   *', '   * @default "*\\/"', '   */'),
      ],
      [{ type: 'string', enum: ['a'], description: 'No @enum tag.' }, '  /** No @enum tag. */'],
    ];
    for (const [given, want] of cases) assert.equal(field(given), want, JSON.stringify(given));
  });

  it('document the declaration itself with its schema description', () => {
    assert.equal(
      declare({ type: 'object', description: 'A Thing.\nSecond line.', properties: { a: { type: 'string' } } }),
      lines('/**', ' * A Thing.', ' * Second line.', ' */', 'export interface Thing {', '  a?: string;', '}'),
    );
  });
});
