// API paths read as kube-apiserver lays them out: given a path, want its place (or why it is no resource path).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePath } from '../../core/model/paths.ts';

describe('parsePath', () => {
  const resource = (apiGroup: string, version: string, plural: string, more: object = {}) => ({
    type: 'resource',
    apiGroup,
    version,
    plural,
    inNamespace: false,
    named: false,
    legacyWatch: false,
    ...more,
  });
  const cases: [string, object][] = [
    ['/api/v1/pods', resource('', 'v1', 'pods')],
    ['/api/v1/namespaces/{namespace}/pods/{name}', resource('', 'v1', 'pods', { inNamespace: true, named: true })],
    [
      '/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}',
      resource('', 'v1', 'pods', { inNamespace: true, named: true, subresource: 'proxy' }),
    ],
    ['/apis/apps/v1/watch/deployments', resource('apps', 'v1', 'deployments', { legacyWatch: true })],
    ['/api/v1/namespaces/{namespace}', resource('', 'v1', 'namespaces', { named: true })],
    ['/api/v1/namespaces', resource('', 'v1', 'namespaces')],
  ];
  for (const [path, want] of cases) it(path, () => assert.deepEqual(parsePath(path), want));

  const other: [string, string][] = [
    ['/api/v1/{name}', 'other'],
    ['/api/v1/pods/{name}/status/{path}/more', 'other'],
    ['/api/v1/pods/{name}/{sub}', 'other'],
    ['/api/v1/pods/{name}/proxy/rest', 'other'],
    ['/api/v1/pods/{}', 'other'],
    ['/apis/apps/v1', 'discovery'],
    ['/version', 'version'],
  ];
  for (const [path, kind] of other)
    it(`${path}: ${kind}`, () => {
      const at = parsePath(path);
      assert.equal(at.type, 'nonResource');
      assert.equal(at.type === 'nonResource' && at.kind, kind);
    });
});
