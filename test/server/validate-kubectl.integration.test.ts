// kubectl 1.35 against the server with the shared Gateway API CRDs: an invalid Gateway is refused with its CEL
// rule's message (client-side and server-side apply), a valid one is created, and the server's causes are those
// the built `kubegen validate` prints for the same manifest.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { kubectlSkip } from '../helpers/kubectl.ts';
import { suiteKubectlSession } from '../helpers/server.ts';
import { call } from '../helpers/server-http.ts';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';
import type { JsonReport } from '../helpers/validate-cli.ts';

const skip = sharedSkip || kubectlSkip;
const gatewayCrd = () => sharedPath('crds', 'gateway-api', 'standard', 'gateway.networking.k8s.io_gateways.yaml');

const gateway = (name: string, listener: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'default' },
  spec: { gatewayClassName: 'eg', listeners: [listener] },
});
const tcpWithHostname = { name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' };
const rule = `spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`;

describe('kubectl apply against the CEL rules of the Gateway API CRDs', { skip }, () => {
  const s = suiteKubectlSession(sharedSkip ? {} : { crds: [gatewayCrd()] });

  it('refuses an invalid Gateway with the rule’s message and creates a valid one', async () => {
    const invalid = stringify(gateway('tcp', tcpWithHostname));
    const applied = await s.run(['apply', '-f', '-'], { input: invalid });
    assert.notEqual(applied.code, 0);
    assert.match(
      applied.stderr,
      /The Gateway "tcp" is invalid: spec\.listeners: Invalid value: "array": hostname must not be specified for protocols \['TCP', 'UDP'\]/,
    );
    const serverSide = await s.run(['apply', '--server-side', '-f', '-'], { input: invalid });
    assert.notEqual(serverSide.code, 0);
    assert.ok(serverSide.stderr.includes(rule), serverSide.stderr);
    const valid = await s.run(['apply', '-f', '-'], {
      input: stringify(gateway('web', { name: 'http', port: 80, protocol: 'HTTP' })),
    });
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /^gateway\.gateway\.networking\.k8s\.io\/web created$/m);
    const changed = await s.run(['apply', '-f', '-'], {
      input: stringify(gateway('web', { name: 'http', port: 80, protocol: 'TCP', hostname: 'x.example.com' })),
    });
    assert.notEqual(changed.code, 0, 'an update is checked too');
    assert.ok(changed.stderr.includes(rule), changed.stderr);
  });

  it('answers with the causes the built kubegen validate prints for the same manifest', async () => {
    const obj = gateway('both', { ...tcpWithHostname, tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } });
    const file = join(s.dir, 'both.yaml');
    writeFileSync(file, stringify(obj));
    const cli = spawnSync(
      process.execPath,
      [join(projectRoot, 'dist', 'cli', 'main.js'), 'validate', '-f', file, '--crd', gatewayCrd(), '-o', 'json'],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    assert.equal(cli.status, 1, cli.stderr);
    const want = (JSON.parse(cli.stdout) as JsonReport).objects[0]!.errors.map(({ reason, field, message }) => ({
      reason,
      field,
      message,
    }));
    assert.equal(want.length, 2, cli.stdout);
    const r = await call(s.server.url, 'POST', '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways', obj);
    assert.equal(r.status, 422);
    assert.deepEqual((r.body.details as { causes: unknown[] }).causes, want);
    assert.equal(
      r.body.message,
      `Gateway.gateway.networking.k8s.io "both" is invalid: [${want.map((c) => `${c.field}: ${c.message}`).join(', ')}]`,
    );
  });
});
