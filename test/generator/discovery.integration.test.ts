// Discovery on first use (discovery.test.ts) across real releases: a client generated from the shared 1.28 spec
// against a test API server serving the shared 1.35 documents.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@kubegen/runtime';
import { startApiServer, type ApiServer } from '../../server/index.ts';
import { generate } from '../../generator/pipeline/generate.ts';
import { clientOf, factoryFrom, rejection } from '../helpers/generated-client.ts';
import { projectRoot, sharedSkip, sharedSpecs } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'discovery-releases');

describe('discovery: a 1.28 client against a 1.35 cluster', { skip: sharedSkip }, () => {
  let server: ApiServer;
  let client: Client;
  const out = join(work, 'k128');
  before(async () => {
    const specs = sharedSpecs();
    const v135 = specs.v3.find((p) => p.includes('1.35'));
    const v128 = specs.v2.find((p) => p.includes('1.28'));
    assert.ok(v135 && v128, 'the shared 1.35 v3 and 1.28 v2 specs');
    server = await startApiServer({ specs: [v135] });
    client = clientOf(server);
    await generate({ specs: [v128], out });
  });
  after(async () => {
    await client.close();
    await server.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('a removed beta API (flowcontrol v1beta3, gone in 1.32) fails naming the served v1', async () => {
    const factory = await factoryFrom(
      join(out, 'flowcontrol.apiserver.k8s.io', 'v1beta3.ts'),
      'flowcontrolApiserverV1beta3',
    );
    const err = await rejection(factory(client).flowschemas!.list!());
    assert.equal(
      (err as Error).message,
      'group-version flowcontrol.apiserver.k8s.io/v1beta3 is not served by this cluster (served: flowcontrol.apiserver.k8s.io/v1)',
    );
    const apps = await factoryFrom(join(out, 'apps', 'v1.ts'), 'appsV1');
    assert.deepEqual(
      (await (apps(client).deployments!.list!({ allNamespaces: true }) as Promise<{ items: unknown[] }>)).items,
      [],
    );
  });
});
