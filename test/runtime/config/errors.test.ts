// Bad kubeconfigs get clear errors that name the file and the entry — and never carry a token, password, key or
// any other secret from the file (acceptance 5: every message and every thrown object is checked for them).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ConfigError,
  explicitConnection,
  inClusterConnection,
  KubeConfigError,
  kubectlProxyConnection,
  loadKubeConfig,
  resolveConnection,
} from '@kubegen/runtime';
import { assertNoSecrets } from '../helpers/secrets.ts';

const secrets = ['sekret-token-1234', 'sekret-password-5678', 'sekret-id-token', 'c2VrcmV0LWtleQ==', 'sekret-key'];

function config(user: string, cluster = 'server: https://127.0.0.1:6443'): string {
  return `apiVersion: v1\nkind: Config\ncurrent-context: ctx\nclusters:\n- name: c1\n  cluster:\n    ${cluster}\nusers:\n- name: u1\n  user:\n${user}\ncontexts:\n- name: ctx\n  context: {cluster: c1, user: u1}\n`;
}

describe('kubeconfig errors name where and keep secrets out', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubegen-config-errors-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => {
    const file = join(dir, `config-${n++}`);
    writeFileSync(file, text);
    return file;
  };
  const fails = async (text: string, pattern: RegExp, options: { context?: string } = {}) => {
    const file = write(text);
    const err = await loadKubeConfig({ kubeconfig: file, ...options }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ConfigError && err instanceof KubeConfigError, String(err));
    assert.match(err.message, pattern);
    assert.ok(err.message.includes(file), `names the file: ${err.message}`);
    assertNoSecrets(err, secrets);
    return err;
  };

  it('an unsupported auth-provider, by name', async () => {
    const err = await fails(
      config('    auth-provider:\n      name: oidc\n      config:\n        id-token: sekret-id-token\n'),
      /user "u1": auth-provider "oidc" is not supported; use an exec credential plugin/,
    );
    assert.equal(err.entry, 'user "u1"');
  });

  it('YAML syntax errors give line and column, not the line itself', async () => {
    await fails(
      'users:\n- name: u1\n  user:\n    token: sekret-token-1234\n   password: [sekret-password-5678\n',
      /not valid YAML at line \d+, column \d+/,
    );
  });

  it('aliases that would expand to a billion values end at once', async () => {
    const laughs = Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? '  l0: &l0 [sekret-token-1234, sekret-token-1234]'
        : `  l${i}: &l${i} [${`*l${i - 1}, `.repeat(9)}*l${i - 1}]`,
    );
    const start = performance.now();
    await fails(`${config('    token: sekret-token-1234\n')}laughs:\n${laughs.join('\n')}\n`, /aliases expand to more/);
    assert.ok(performance.now() - start < 2_000, `took ${Math.round(performance.now() - start)} ms`);
  });

  it('a wrongly typed field is named without its value', async () => {
    await fails(config('    token: [sekret-token-1234]\n'), /user "u1": token must be a string/);
  });

  it('token and basic together', async () => {
    await fails(
      config('    token: sekret-token-1234\n    username: me\n    password: sekret-password-5678\n'),
      /more than one authentication method/,
    );
  });

  it('an unreadable client key names the path and the entry', async () => {
    await fails(
      config(`    client-certificate-data: ${Buffer.from('cert').toString('base64')}\n    client-key: missing.key\n`),
      new RegExp(
        `user "u1": client-key ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/missing.key cannot be read \\(ENOENT\\)`,
      ),
    );
  });

  it('bad base64 data', async () => {
    await fails(
      config('    client-certificate-data: "not base64!"\n    client-key-data: c2VrcmV0LWtleQ==\n'),
      /user "u1": client-certificate-data is not base64/,
    );
  });

  it('a missing context, cluster, or server', async () => {
    await fails(config('    token: sekret-token-1234\n'), /context "other" is not defined in/, { context: 'other' });
    await fails(
      config('    token: sekret-token-1234\n').replace('cluster: c1, user', 'cluster: ghost, user'),
      /context "ctx": cluster "ghost" is not defined/,
    );
    await fails(
      config('    token: sekret-token-1234\n', 'insecure-skip-tls-verify: true'),
      /cluster "c1": has no server/,
    );
  });

  it('a server URL with a password in it is refused without echoing it', async () => {
    await fails(
      config('    token: sekret-token-1234\n', 'server: https://me:sekret-password-5678@127.0.0.1:6443'),
      /cluster "c1": server must not carry a user name or password/,
    );
  });

  it('impersonation groups without a user', async () => {
    await fails(
      config('    token: sekret-token-1234\n    as-groups: [admins]\n'),
      /as-uid, as-groups or as-user-extra need as/,
    );
  });

  it('exec: an unknown apiVersion, and v1 without interactiveMode', async () => {
    await fails(
      config('    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: plugin\n'),
      /exec plugin "plugin": apiVersion client.authentication.k8s.io\/v1alpha1 is not supported/,
    );
    await fails(
      config('    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: plugin\n'),
      /interactiveMode must be set/,
    );
  });

  it('the same name twice in one file', async () => {
    await fails(
      config('    token: sekret-token-1234\n- name: u1\n  user:\n    token: sekret-token-1234\n'),
      /user "u1": defined twice in this file/,
    );
  });

  it('an explicit --kubeconfig that does not exist', async () => {
    const file = join(dir, 'nope');
    await assert.rejects(
      loadKubeConfig({ kubeconfig: file }),
      (e: Error) => e instanceof ConfigError && e.message === `${file}: cannot read the kubeconfig (ENOENT)`,
    );
  });

  it('no kubeconfig and not in a cluster', async () => {
    const env = { HOME: join(dir, 'empty-home') };
    await assert.rejects(
      resolveConnection({ env }),
      /no kubeconfig found \(looked for .*empty-home\/.kube\/config\), and not running in a cluster/,
    );
  });

  it('in-cluster without the service variables or the token', async () => {
    await assert.rejects(
      inClusterConnection({ dir, env: {} }),
      /KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set/,
    );
    await assert.rejects(
      inClusterConnection({ dir, env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '1' } }),
      (e: Error) => e.message === `${join(dir, 'token')}: service-account token: cannot read the token file (ENOENT)`,
    );
  });

  it('explicit options: two methods, and a bad proxy URL', async () => {
    const err = await explicitConnection({
      server: 'https://127.0.0.1:1',
      token: 'sekret-token-1234',
      password: 'sekret-password-5678',
    }).catch((e: unknown) => e);
    assert.match(String((err as Error).message), /more than one authentication method \(token, username\/password\)/);
    assertNoSecrets(err, secrets);
    assert.throws(
      () => kubectlProxyConnection('ftp://127.0.0.1:8001'),
      /kubectl proxy URL: url must be an http or https URL/,
    );
  });
});
