// The JSDoc lines of generated declarations, given a schema's doc fields: the deprecation tag above all, which
// editors strike through, with the release and the replacement when the model or the description names them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type DocFields, docLines } from '../../../generator/emit/jsdoc.ts';

describe('docLines', () => {
  const cases: Array<[string, DocFields, string[]]> = [
    ['no deprecation', { description: 'How big it is.' }, ['How big it is.']],
    ['`deprecated: true` alone', { deprecated: true }, ['@deprecated']],
    [
      'a description that says so, with a replacement',
      { description: 'Deprecated: use size instead.' },
      ['Deprecated: use size instead.', '', '@deprecated use size instead'],
    ],
    [
      "kube-apiserver's words, with releases",
      { description: 'This API is deprecated in v1.31+, and unavailable in v1.34+; use Gizmo instead.' },
      [
        'This API is deprecated in v1.31+, and unavailable in v1.34+; use Gizmo instead.',
        '',
        '@deprecated since v1.31, removed in v1.34; use Gizmo instead',
      ],
    ],
    [
      "the model's note wins over the description",
      {
        description: 'Deprecated: This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
        deprecation: { since: 'v1.33', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
      },
      [
        'Deprecated: This API is deprecated in v1.33+. Use discoveryv1.EndpointSlice.',
        '',
        '@deprecated since v1.33; use discovery.k8s.io/v1 EndpointSlice instead',
      ],
    ],
    [
      '`false`: known not to be',
      { description: 'Deprecated: use size instead.', deprecation: false },
      ['Deprecated: use size instead.'],
    ],
    [
      'a description that has the tag already',
      { description: 'The old name.\n@deprecated use name', deprecated: true },
      ['The old name.', '@deprecated use name'],
    ],
    [
      'after the other tags, made inert',
      { default: 1, deprecation: { replacement: 'a */ b' } },
      ['@default 1', '@deprecated use a *\\/ b instead'],
    ],
  ];
  for (const [name, given, want] of cases) it(name, () => assert.deepEqual(docLines(given), want));
});
