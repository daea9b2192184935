// Acceptance 2, kubeconfig parity: for kubeconfig fixtures (several files, overlapping names, relative paths,
// embedded data, chosen contexts, namespaces) the cluster, user and namespace we resolve equal what the real
// kubectl resolves with `kubectl config view --minify --raw`, and the certificate material we load equals what
// `--flatten` reads from the same files.
//
// kubectl 1.35's `view --raw` prints relative paths as written; their meaning (kubectl's own rule) is relative to
// the file that defined the entry, i.e. the first file in the list that has that name. The test finds that file
// from the fixtures themselves and resolves kubectl's paths against it before comparing with our absolute paths.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import {
  connectionFromKubeConfig,
  loadKubeConfig,
  readKubeConfig,
  selectContext,
  type KubeCluster,
  type KubeUser,
} from '@kubegen/runtime';
import { kubectl, kubectlSkip } from '../../helpers/kubectl.ts';
import { projectRoot } from '../../helpers/shared.ts';

const fixtures = join(projectRoot, 'test', 'fixtures', 'kubeconfig');
const base = join(fixtures, 'base', 'config');
const overlay = join(fixtures, 'overlay', 'config');
const third = join(fixtures, 'third', 'config');

type Json = Record<string, unknown>;

interface Case {
  name: string;
  /** KUBECONFIG, highest precedence first. */
  files?: string[];
  /** `--kubeconfig` instead of KUBECONFIG. */
  kubeconfig?: string;
  context?: string;
  /** The context expected to be chosen (checks that the case tests what it says). */
  expect: string;
}

const cases: Case[] = [
  { name: 'two files: current-context and entries from the first', files: [base, overlay], expect: 'prod-alice' },
  {
    name: 'overlapping names: the first file wins each name',
    files: [base, overlay],
    context: 'shared',
    expect: 'shared',
  },
  { name: 'overlapping names, files swapped', files: [overlay, base], context: 'shared', expect: 'shared' },
  { name: 'current-context of the first file that sets one', files: [overlay, base], expect: 'staging-carol' },
  {
    name: 'a first file without current-context and a missing file in the list',
    files: [third, join(fixtures, 'missing', 'config'), base, overlay],
    expect: 'prod-alice',
  },
  {
    name: 'exec plugin with a relative command, chosen context',
    files: [third, base],
    context: 'plugin',
    expect: 'plugin',
  },
  {
    name: 'tokenFile relative to its own file, impersonation',
    files: [base, overlay],
    context: 'dave',
    expect: 'dave',
  },
  {
    name: 'cluster from one file, embedded user data from another',
    files: [base, overlay],
    context: 'erin',
    expect: 'erin',
  },
  {
    name: 'an explicit --kubeconfig file alone, KUBECONFIG ignored',
    files: [base],
    kubeconfig: overlay,
    context: 'shared',
    expect: 'shared',
  },
  {
    name: 'duplicate entries in KUBECONFIG count once',
    files: [overlay, overlay, base],
    context: 'dave',
    expect: 'dave',
  },
];

/** The first file in the list that defines this entry: kubectl's merge rule, read off the fixtures. */
function definingFile(files: string[], list: 'clusters' | 'users', name: string): string {
  for (const file of files) {
    let doc: Json | null = null;
    try {
      doc = parse(readFileSync(file, 'utf8')) as Json;
    } catch {
      continue;
    }
    if (((doc?.[list] as { name: string }[] | undefined) ?? []).some((e) => e.name === name)) return file;
  }
  throw new Error(`no fixture defines ${list} ${name}`);
}

function resolvePaths(entry: Json, keys: string[], file: string): Json {
  const out: Json = { ...entry };
  for (const key of keys) {
    const v = out[key];
    if (typeof v === 'string' && !isAbsolute(v)) out[key] = resolve(dirname(file), v);
  }
  return out;
}

/** kubectl's minified view, with relative paths given the meaning kubectl gives them. */
function kubectlMeaning(
  view: Json,
  files: string[],
): { cluster: Json; user: Json; namespace: string; context: string } {
  const context = (view.contexts as { name: string; context: Json }[])[0]!;
  const named = (list: string) =>
    (view[list] as { name: string }[] | null)?.[0] as (Json & { name: string }) | undefined;
  const clusterEntry = named('clusters')!;
  const userEntry = named('users');
  const cluster = resolvePaths(
    clusterEntry.cluster as Json,
    ['certificate-authority'],
    definingFile(files, 'clusters', clusterEntry.name),
  );
  let user: Json = {};
  if (userEntry) {
    const file = definingFile(files, 'users', userEntry.name);
    user = resolvePaths(userEntry.user as Json, ['client-certificate', 'client-key', 'tokenFile'], file);
    const exec = user.exec as Json | undefined;
    if (exec && String(exec.command).includes('/')) user.exec = resolvePaths(exec, ['command'], file);
  }
  return {
    cluster: { name: clusterEntry.name, ...cluster },
    user: userEntry ? { name: userEntry.name, ...user } : {},
    namespace: (context.context.namespace as string | undefined) || 'default',
    context: context.name,
  };
}

/** Our entries in kubectl's spelling. */
function ours(cluster: KubeCluster, user: KubeUser): { cluster: Json; user: Json } {
  const c: Json = {
    name: cluster.name,
    server: cluster.server,
    'certificate-authority': cluster.certificateAuthority,
    'certificate-authority-data': cluster.certificateAuthorityData,
    'insecure-skip-tls-verify': cluster.insecureSkipTlsVerify,
    'tls-server-name': cluster.tlsServerName,
    'proxy-url': cluster.proxyUrl,
    'disable-compression': cluster.disableCompression,
  };
  const u: Json = {
    name: user.name,
    token: user.token,
    tokenFile: user.tokenFile,
    'client-certificate': user.clientCertificate,
    'client-certificate-data': user.clientCertificateData,
    'client-key': user.clientKey,
    'client-key-data': user.clientKeyData,
    username: user.username,
    password: user.password,
    as: user.as,
    'as-uid': user.asUid,
    'as-groups': user.asGroups,
    'as-user-extra': user.asUserExtra,
    exec: user.exec && {
      command: user.exec.command,
      args: user.exec.args,
      env: user.exec.env,
      apiVersion: user.exec.apiVersion,
      installHint: user.exec.installHint,
      provideClusterInfo: user.exec.provideClusterInfo,
      interactiveMode: user.exec.interactiveMode,
    },
  };
  const defined = (o: Json) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return { cluster: defined(c), user: defined(u) };
}

describe('kubeconfig parity with kubectl config view --minify', { skip: kubectlSkip }, () => {
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'kubegen-kubeconfig-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  const run = async (
    args: string[],
    c: { files?: string[]; kubeconfig?: string; context?: string },
    env: Record<string, string>,
  ) => {
    const flags = [
      ...(c.kubeconfig ? ['--kubeconfig', c.kubeconfig] : []),
      ...(c.context ? ['--context', c.context] : []),
    ];
    const r = await kubectl(['config', 'view', '--minify', ...args, '-o', 'json', ...flags], {
      env: { HOME: home, KUBECTL_KUBERC: 'false', ...env },
    });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Json;
  };

  for (const c of cases) {
    it(c.name, async () => {
      const env: Record<string, string> = c.files ? { KUBECONFIG: c.files.join(':') } : {};
      // Missing files are skipped, duplicates read once: the files actually read.
      const files = c.kubeconfig ? [c.kubeconfig] : [...new Set(c.files)].filter((f) => existsSync(f));
      const theirs = kubectlMeaning(await run(['--raw'], c, env), files);
      assert.equal(theirs.context, c.expect, 'kubectl chose another context than the case intends');

      const config = await readKubeConfig({ kubeconfig: c.kubeconfig, env: { HOME: home, ...env } });
      const selected = selectContext(config, { context: c.context });
      assert.equal(selected.context.name, theirs.context);
      const mine = ours(selected.cluster, selected.user);
      assert.deepEqual(mine.cluster, theirs.cluster);
      assert.deepEqual(mine.user, theirs.user);
      assert.equal(selected.namespace, theirs.namespace);

      // The material behind paths and data: what kubectl reads with --flatten is what we load.
      const connection = await connectionFromKubeConfig(selected);
      assert.equal(connection.server, theirs.cluster.server);
      assert.equal(connection.namespace, theirs.namespace);
      const flat = await run(['--flatten'], c, env);
      const flatCluster = (flat.clusters as { cluster: Json }[])[0]!.cluster;
      const flatUser = ((flat.users as { user: Json }[] | null)?.[0]?.user ?? {}) as Json;
      const decode = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : undefined);
      assert.equal(connection.tls.ca, decode(flatCluster['certificate-authority-data']));
      assert.equal(connection.tls.cert, decode(flatUser['client-certificate-data']));
      assert.equal(connection.tls.key, decode(flatUser['client-key-data']));
      assert.equal(connection.tls.insecureSkipTlsVerify ?? false, flatCluster['insecure-skip-tls-verify'] ?? false);
      assert.equal(connection.tls.serverName, flatCluster['tls-server-name']);
      assert.equal(connection.proxyUrl, flatCluster['proxy-url']);
      const u = theirs.user;
      const impersonate = u.as
        ? Object.fromEntries(
            Object.entries({ user: u.as, uid: u['as-uid'], groups: u['as-groups'], extra: u['as-user-extra'] }).filter(
              ([, v]) => v !== undefined,
            ),
          )
        : undefined;
      assert.deepEqual(connection.impersonate, impersonate);
      assert.deepEqual(connection.origin, {
        kind: 'kubeconfig',
        files,
        context: c.expect,
        cluster: selected.cluster.name,
        user: selected.user.name,
      });
    });
  }

  it('reads ~/.kube/config when KUBECONFIG is unset, like kubectl', async () => {
    mkdirSync(join(home, '.kube'), { recursive: true });
    const file = join(home, '.kube', 'config');
    copyFileSync(third, file);
    try {
      const theirs = kubectlMeaning(await run(['--raw'], { context: 'plugin' }, {}), [file]);
      const selected = selectContext(await readKubeConfig({ env: { HOME: home } }), { context: 'plugin' });
      assert.deepEqual(selected.config.files, [file]);
      const mine = ours(selected.cluster, selected.user);
      assert.deepEqual(mine.user, theirs.user);
      assert.equal((mine.user.exec as Json).command, join(home, '.kube', 'bin', 'credential-plugin'));
      assert.equal(selected.namespace, theirs.namespace);
    } finally {
      rmSync(join(home, '.kube'), { recursive: true, force: true });
    }
  });

  it("the fault run's entries: disable-compression, an IP tls-server-name, a bare host:port, CA and certificate in both forms, UTF-8 names, a broken user elsewhere", async () => {
    const file = join(home, 'fault-run');
    writeFileSync(join(home, 'ca.crt'), 'not read by view');
    writeFileSync(join(home, 'empty-token'), '');
    const ca = Buffer.from('ca').toString('base64');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'quiet',
        clusters: [
          {
            name: 'quiet',
            cluster: {
              server: 'https://10.0.0.1:6443',
              'disable-compression': true,
              'tls-server-name': '10.0.0.2',
              'proxy-url': 'http://proxy.example:3128',
              'certificate-authority-data': ca,
            },
          },
          { name: 'bare', cluster: { server: '10.0.0.1:6443', 'certificate-authority': 'ca.crt' } },
          {
            name: 'both',
            cluster: {
              server: 'https://10.0.0.1:6443',
              'certificate-authority': 'ca.crt',
              'certificate-authority-data': ca,
              'insecure-skip-tls-verify': true,
            },
          },
        ],
        users: [
          {
            name: 'jöhn',
            user: { token: 'fault-run-token', tokenFile: 'empty-token', as: 'jöhn', 'as-groups': ['開発'] },
          },
          {
            name: 'certs',
            user: { 'client-certificate': 'ca.crt', 'client-certificate-data': ca, 'client-key-data': ca },
          },
        ],
        contexts: [
          ...['quiet', 'bare', 'both'].map((name) => ({
            name,
            context: { cluster: name, user: 'jöhn', namespace: 'ns' },
          })),
          { name: 'certs', context: { cluster: 'quiet', user: 'certs' } },
        ],
      }),
    );
    for (const context of ['quiet', 'bare', 'both', 'certs']) {
      const theirs = kubectlMeaning(await run(['--raw'], { kubeconfig: file, context }, {}), [file]);
      const selected = selectContext(await readKubeConfig({ kubeconfig: file }), { context });
      const mine = ours(selected.cluster, selected.user);
      assert.deepEqual(mine.cluster, theirs.cluster, context);
      assert.deepEqual(mine.user, theirs.user, context);
    }
    const quiet = await loadKubeConfig({ kubeconfig: file });
    assert.deepEqual(
      [quiet.disableCompression, quiet.tls.serverName, quiet.impersonate],
      [true, '10.0.0.2', { user: 'jöhn', groups: ['開発'] }],
    );
    assert.deepEqual(await quiet.credentials.headers(), { Authorization: 'Bearer fault-run-token' });
    assert.equal((await loadKubeConfig({ kubeconfig: file, context: 'bare' })).server, 'http://10.0.0.1:6443');
    await assert.rejects(
      loadKubeConfig({ kubeconfig: file, context: 'both' }),
      /both specified; use one; specifying a root certificates file/,
    );
    await assert.rejects(
      loadKubeConfig({ kubeconfig: file, context: 'certs' }),
      /user "certs": client-certificate-data and client-certificate are both specified/,
    );

    // A user no chosen context uses, broken as kubectl would refuse it, in another file of the list: both go on.
    const broken = join(home, 'fault-run-broken');
    writeFileSync(
      broken,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'b', cluster: { server: 'https://10.0.0.9:6443' } }],
        users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'x' } } }],
        contexts: [{ name: 'broken', context: { cluster: 'b', user: 'plugin' } }],
      }),
    );
    const env = { KUBECONFIG: `${file}:${broken}` };
    const theirs = kubectlMeaning(await run(['--raw'], {}, env), [file, broken]);
    const selected = selectContext(await readKubeConfig({ env: { HOME: home, ...env } }), {});
    assert.equal(selected.context.name, theirs.context);
    assert.deepEqual(ours(selected.cluster, selected.user), { cluster: theirs.cluster, user: theirs.user });
    assert.equal((await loadKubeConfig({ env: { HOME: home, ...env } })).server, 'https://10.0.0.1:6443');
  });
});
