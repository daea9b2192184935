// The built `kubegen validate` as CI runs it: a fresh process over the shared 1.35 spec and Gateway API CRDs, its
// exit codes (commander's usage errors included), text, JSON and JUnit output, and its start-up time on one file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { projectRoot, sharedPath, sharedSkip } from '../helpers/shared.ts';
import type { JsonReport } from '../helpers/validate-cli.ts';
import { parseXml } from '../helpers/xml.ts';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');

function kubegen(args: string[], input?: string) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'validate', ...args], { cwd: projectRoot, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - start };
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } },
  },
};
const gateway = (listener: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web', namespace: 'default' },
  spec: { gatewayClassName: 'eg', listeners: [listener] },
});

describe('kubegen validate, built, on the shared 1.35 spec and Gateway API CRDs', { skip: sharedSkip }, () => {
  let dir: string;
  let inputs: string[];
  before(() => {
    mkdirSync(join(projectRoot, 'test', '.work'), { recursive: true });
    dir = mkdtempSync(join(projectRoot, 'test', '.work', 'validate-cli-'));
    inputs = [
      '--spec',
      sharedPath('specs', 'v2', 'kubernetes-1.35.json'),
      '--crd',
      sharedPath('crds', 'gateway-api', 'standard'),
    ];
    mkdirSync(join(dir, 'valid', 'apps'), { recursive: true });
    writeFileSync(join(dir, 'valid', 'apps', 'web.yaml'), stringify(deployment));
    writeFileSync(
      join(dir, 'valid', 'gateway.json'),
      JSON.stringify(gateway({ name: 'http', port: 80, protocol: 'HTTP' })),
    );
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two', paused: 'maybe' } };
    const tcp = gateway({ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' });
    writeFileSync(join(dir, 'invalid.yaml'), `${stringify(broken)}---\n${stringify(tcp)}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a folder of valid built-in and custom objects', () => {
    const r = kubegen(['-f', join(dir, 'valid'), ...inputs]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.equal(r.err, 'kubegen: 2 objects in 2 files, all valid\n');
  });

  it('exits 1 with each error at its line, CEL rules worded as kube-apiserver words them', () => {
    const r = kubegen(['-f', join(dir, 'invalid.yaml'), ...inputs]);
    assert.equal(r.code, 1, r.err);
    const file = join(dir, 'invalid.yaml');
    assert.deepEqual(r.out.split('\n').filter(Boolean), [
      `${file}:7:13: Deployment.apps "web": spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`,
      `${file}:19:11: Deployment.apps "web": spec.paused: Invalid value: "string": spec.paused in body must be of type boolean: "string"`,
      `${file}:29:5: Gateway.gateway.networking.k8s.io "web": spec.listeners: Invalid value: "array": hostname must not be specified for protocols ['TCP', 'UDP']`,
    ]);
  });

  it('prints JSON and well-formed JUnit, and reads stdin', () => {
    const json = kubegen(
      ['-f', '-', '-o', 'json', ...inputs],
      stringify(gateway({ name: 'a', port: 80, protocol: 'UDP', tls: {} })),
    );
    assert.equal(json.code, 1, json.err);
    const report = JSON.parse(json.out) as JsonReport;
    assert.equal(report.objects[0]!.file, '<stdin>');
    assert.deepEqual(report.summary, {
      files: 1,
      objects: 1,
      invalid: 1,
      errors: report.objects[0]!.errors.length,
      valid: 0,
    });
    assert.ok(
      report.objects[0]!.errors.some((e) => /tls must not be specified for protocols/.test(e.message)),
      json.out,
    );
    const junit = kubegen(['-f', dir, '-o', 'junit', ...inputs]);
    assert.equal(junit.code, 1);
    const root = parseXml(junit.out);
    assert.deepEqual(root.attributes, { name: 'kubegen validate', tests: '4', failures: '2', errors: '0' });
  });

  it('exits 2 on usage and input errors, commander’s own included', () => {
    for (const [args, message] of [
      [['-f', dir, '-o', 'yaml', ...inputs], /argument 'yaml' is invalid/],
      [['-f', dir, '--no-such-flag', ...inputs], /unknown option '--no-such-flag'/],
      [[...inputs], /required option '-f, --filename <path\.\.\.>' not specified/],
      [['-f', join(dir, 'absent'), ...inputs], /no such file or folder/],
      [['-f', dir, '--crd', join(dir, 'valid')], /not a CustomResourceDefinition|CustomResourceDefinition/],
    ] as const) {
      const r = kubegen([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.out, '');
      assert.match(r.err, message);
    }
  });

  it('starts and answers on one file quickly once the schemas are cached', (t) => {
    const file = join(dir, 'valid', 'apps', 'web.yaml');
    kubegen(['-f', file, ...inputs]);
    const small = ['--spec', join(projectRoot, 'examples', 'widgets-api.yaml')];
    kubegen(['-f', file, ...small]);
    const node = spawnSync(process.execPath, ['-e', '0']);
    assert.equal(node.status, 0);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const runs = (args: string[]) => median([0, 1, 2].map(() => kubegen(args).ms));
    const bare = median(
      [0, 1, 2].map(() => {
        const start = performance.now();
        spawnSync(process.execPath, ['-e', '0']);
        return performance.now() - start;
      }),
    );
    t.diagnostic(
      `one file, cached schemas: 1.35 spec + Gateway API CRDs ${runs(['-f', file, ...inputs]).toFixed(0)} ms, ` +
        `example spec ${runs(['-f', file, ...small]).toFixed(0)} ms; node -e 0: ${bare.toFixed(0)} ms`,
    );
  });
});
