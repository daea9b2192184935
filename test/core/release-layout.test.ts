// Pure parts of `--kubernetes`: which tag a release names, the repository's file names, the group-versions a v2
// document serves, and what a lock file may hold.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseTag } from '../../core/source/release/version.ts';
import { groupVersionOf, groupVersionsOf, isReleaseFile, shownUrl, v3File } from '../../core/source/release/layout.ts';
import { lockFiles, lockedFiles } from '../../core/source/release/lock.ts';
import { projectRoot } from '../helpers/shared.ts';

describe('release tags', () => {
  const cases: Array<[given: string, want: string]> = [
    ['1.35', 'v1.35.0'],
    ['1.35.2', 'v1.35.2'],
    ['v1.35.2', 'v1.35.2'],
    ['1.36.0-rc.1', 'v1.36.0-rc.1'],
    [' 1.28 ', 'v1.28.0'],
  ];
  for (const [given, want] of cases) it(`${given} → ${want}`, () => assert.equal(releaseTag(given), want));

  for (const bad of ['1', '1.35.x', 'latest', '1.35-rc.1', '1.35.0.1', ''])
    it(`refuses ${JSON.stringify(bad)}`, () =>
      assert.throws(() => releaseTag(bad), /expected a Kubernetes release such as 1\.35 or 1\.35\.2$/));
});

describe('release layout', () => {
  it('names v3 documents as the repository does, and back', () => {
    const cases: Array<[groupVersion: string, file: string]> = [
      ['api/v1', 'api/openapi-spec/v3/api__v1_openapi.json'],
      ['apis/apps/v1', 'api/openapi-spec/v3/apis__apps__v1_openapi.json'],
      [
        'apis/flowcontrol.apiserver.k8s.io/v1beta3',
        'api/openapi-spec/v3/apis__flowcontrol.apiserver.k8s.io__v1beta3_openapi.json',
      ],
    ];
    for (const [groupVersion, file] of cases) {
      assert.equal(v3File(groupVersion), file);
      assert.equal(groupVersionOf(file), groupVersion);
      assert.ok(isReleaseFile(file));
    }
    assert.equal(groupVersionOf('api/openapi-spec/swagger.json'), undefined);
  });

  it('accepts only the layout’s own file names', () => {
    for (const bad of ['../x', 'api/openapi-spec/v3/../../../etc_openapi.json', 'api/openapi-spec/other.json', '/abs'])
      assert.equal(isReleaseFile(bad), false, bad);
  });

  it('finds the group-versions a v2 document serves, in the order a v3 folder lists them', () => {
    const swagger = {
      swagger: '2.0',
      paths: Object.fromEntries(
        [
          '/apis/storage.k8s.io/v1beta1/csistoragecapacities',
          '/api/v1/namespaces',
          '/apis/apps/v1/',
          '/apis/storage.k8s.io/v1/',
          '/apis/apps/',
          '/apis/',
          '/version/',
          '/logs/{logpath}',
          '/.well-known/openid-configuration/',
        ].map((p) => [p, {}]),
      ),
    };
    assert.deepEqual(groupVersionsOf(swagger, 'swagger.json'), [
      'api/v1',
      'apis/apps/v1',
      'apis/storage.k8s.io/v1',
      'apis/storage.k8s.io/v1beta1',
    ]);
    assert.throws(
      () => groupVersionsOf({ swagger: '2.0', paths: { '/version/': {} } }, 'x.json'),
      /^SpecError: x\.json#\/paths: the v2 document serves no group-version$/,
    );
  });

  it('shows a mirror URL without its credentials', () => {
    assert.equal(
      shownUrl('https://me:s3cret@mirror.example/k8s/v1.35.0/x.json'),
      'https://mirror.example/k8s/v1.35.0/x.json',
    );
  });
});

describe('kubegen.lock.json', () => {
  const dir = join(projectRoot, 'test', '.work', `lock-${process.pid}`);
  const file = join(dir, 'kubegen.lock.json');
  const sha = (c: string) => c.repeat(64);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each release’s entry, sorted, when another is added', () => {
    mkdirSync(dir, { recursive: true });
    assert.equal(lockedFiles(file, 'v1.35.0'), undefined);
    lockFiles(file, 'v1.35.0', {
      'api/openapi-spec/v3/apis__apps__v1_openapi.json': sha('b'),
      'api/openapi-spec/v3/api__v1_openapi.json': sha('a'),
    });
    lockFiles(file, 'v1.28.0', { 'api/openapi-spec/swagger.json': sha('c') });
    const lock = JSON.parse(readFileSync(file, 'utf8')) as { kubernetes: Record<string, Record<string, string>> };
    assert.deepEqual(Object.keys(lock.kubernetes), ['v1.28.0', 'v1.35.0']);
    assert.deepEqual(Object.keys(lock.kubernetes['v1.35.0']!), [
      'api/openapi-spec/v3/api__v1_openapi.json',
      'api/openapi-spec/v3/apis__apps__v1_openapi.json',
    ]);
    assert.deepEqual(lockedFiles(file, 'v1.28.0'), { 'api/openapi-spec/swagger.json': sha('c') });
  });

  it('names the file and the entry of a lock it cannot trust', () => {
    const cases: Array<[content: string, error: RegExp]> = [
      ['{', /kubegen\.lock\.json: invalid JSON/],
      ['{"lockfileVersion":2}', /kubegen\.lock\.json at \/lockfileVersion: expected 1/],
      [
        JSON.stringify({ lockfileVersion: 1, kubernetes: { 'v1.35.0': { '../../x': sha('a') } } }),
        /kubegen\.lock\.json at \/kubernetes\/v1\.35\.0: must map api\/openapi-spec\/… files to sha256 hex digests/,
      ],
      [
        JSON.stringify({ lockfileVersion: 1, kubernetes: { 'v1.35.0': { 'api/openapi-spec/swagger.json': 'abc' } } }),
        /at \/kubernetes\/v1\.35\.0: must map/,
      ],
    ];
    for (const [content, error] of cases) {
      writeFileSync(file, content);
      assert.throws(() => lockedFiles(file, 'v1.35.0'), error);
    }
  });
});
