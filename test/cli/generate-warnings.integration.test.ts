// `kubegen generate --server` against a cluster whose /openapi/v3 lacks a group-version its discovery lists: the
// build succeeds with what it has, and stderr says what is missing, one line each and a summary.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { kubegen } from '../helpers/build.ts';
import { proxyHidingV3, type OpenApiProxy } from '../helpers/openapi-proxy.ts';
import { projectRoot } from '../helpers/shared.ts';

describe('kubegen generate --server: warnings', () => {
  let server: ApiServer;
  let proxy: OpenApiProxy;
  let out: string;
  before(async () => {
    server = await startApiServer({ specs: [join(projectRoot, 'examples', 'widgets-api.yaml')] });
    proxy = await proxyHidingV3(server.url, ['apis/example.kubegen.dev/v1']);
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    out = mkdtempSync(join(projectRoot, 'test', '.work', 'warnings-'));
  });
  after(async () => {
    await proxy?.close();
    await server?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('prints one line per group-version /openapi/v3 lacks, and a summary, on stderr, and generates the rest', async () => {
    const r = await kubegen(['generate', '--server', proxy.url, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      `kubegen: warning: apis/example.kubegen.dev/v1: served (discovery lists it) but ${proxy.url}/openapi/v3 has no document for it; its resources are left out`,
      `kubegen: warning: 1 of the 2 group-versions ${proxy.url} serves have no /openapi/v3 document and are left out of the output`,
    ]);
    assert.match(r.stdout, /kubegen: wrote \d+ files/);
  });
});
