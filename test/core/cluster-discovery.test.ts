// A cluster whose /openapi/v3 lacks group-versions that its discovery lists: the build goes on with what it has
// and says, one line per group-version and a summary, what the output leaves out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBuild } from '../../generator/pipeline/run.ts';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { proxyHidingV3, type OpenApiProxy } from '../helpers/openapi-proxy.ts';
import { projectRoot } from '../helpers/shared.ts';

describe('group-versions discovery lists and /openapi/v3 does not', () => {
  let server: ApiServer;
  let proxy: OpenApiProxy;
  let work: string;
  before(async () => {
    server = await startApiServer({ specs: [join(projectRoot, 'examples', 'widgets-api.yaml')] });
    proxy = await proxyHidingV3(server.url, ['apis/example.kubegen.dev/v1']);
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    work = mkdtempSync(join(projectRoot, 'test', '.work', 'discovery-'));
  });
  after(async () => {
    await proxy?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('are reported one per line, then summed up, and the rest is generated', async () => {
    const warnings: string[] = [];
    const out = join(work, 'partial');
    const result = await runBuild({ server: proxy.url, out }, { onWarning: (m) => warnings.push(m) });
    assert.equal(result.status, 'written');
    assert.deepEqual(warnings, [
      `apis/example.kubegen.dev/v1: served (discovery lists it) but ${proxy.url}/openapi/v3 has no document for it; its resources are left out`,
      `1 of the 2 group-versions ${proxy.url} serves have no /openapi/v3 document and are left out of the output`,
    ]);
    const files = readdirSync(out, { recursive: true }) as string[];
    assert.ok(files.includes(join('core', 'v1.ts')));
    assert.ok(!files.some((f) => f.startsWith('example.kubegen.dev')));
  });

  it('say nothing when every group-version has its document', async () => {
    const warnings: string[] = [];
    await runBuild({ server: server.url, out: join(work, 'whole') }, { onWarning: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
  });
});
