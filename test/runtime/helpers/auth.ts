// For the auth matrix: kubeconfig files written from plain objects, a credential plugin script, and a real
// `kubectl proxy` in front of the test server.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubectlPath } from '../../helpers/kubectl.ts';

/** Writes a one-context kubeconfig (`ctx` → cluster `c` → user `u`). */
export function writeKubeconfig(
  file: string,
  cluster: Record<string, unknown>,
  user: Record<string, unknown>,
  namespace?: string,
): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'ctx',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u', ...(namespace ? { namespace } : {}) } }],
  };
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}

/**
 * A credential plugin as kubectl runs them. Each run counts itself in `<dir>/count`, records what it was given
 * (`<dir>/run-N.json`: KUBERNETES_EXEC_INFO, args, environment), and prints an ExecCredential in the apiVersion it
 * was asked for. PLUGIN_MODE: `token` (`<PLUGIN_PREFIX>-N`), `cert` (`<dir>/cert.pem`, `<dir>/key.pem`),
 * `garbage` (prints its secret word, not JSON), `fail` (exit 3). PLUGIN_TTL_MS sets expirationTimestamp.
 */
export function writePlugin(dir: string): string {
  const file = join(dir, 'credential-plugin.mjs');
  writeFileSync(
    file,
    `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const dir = ${JSON.stringify(dir)};
const countFile = dir + '/count';
const n = (existsSync(countFile) ? Number(readFileSync(countFile, 'utf8')) : 0) + 1;
writeFileSync(countFile, String(n));
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? '{}');
writeFileSync(dir + '/run-' + n + '.json', JSON.stringify({ info, args: process.argv.slice(2), mode: process.env.PLUGIN_MODE }));
const mode = process.env.PLUGIN_MODE ?? 'token';
if (mode === 'fail') process.exit(3);
if (mode === 'garbage') { process.stdout.write('{"status": ' + process.env.PLUGIN_PREFIX); process.exit(0); }
const status = {};
if (mode === 'cert') {
  status.clientCertificateData = readFileSync(dir + '/cert.pem', 'utf8');
  status.clientKeyData = readFileSync(dir + '/key.pem', 'utf8');
} else {
  status.token = process.env.PLUGIN_PREFIX + '-' + n;
}
const ttl = Number(process.env.PLUGIN_TTL_MS ?? 0);
if (ttl) status.expirationTimestamp = new Date(Date.now() + ttl).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status }));
`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** Starts `kubectl proxy` on a free port with this kubeconfig; resolves to its URL and a stop function. */
export function startKubectlProxy(kubeconfig: string, home: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(kubectlPath, ['proxy', '--port=0', '--address=127.0.0.1', '--kubeconfig', kubeconfig], {
    env: { PATH: process.env.PATH ?? '', HOME: home, KUBECTL_KUBERC: 'false' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`kubectl proxy did not start: ${out}`));
    }, 15_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Starting to serve on (127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://${m[1]}`, stop: () => void child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl proxy exited with ${code}: ${out}`));
    });
  });
}

/** An HTTP CONNECT proxy on loopback that counts the tunnels it opened (for kubeconfig `proxy-url`). */
export async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; stop(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    tunnels.push(req.url ?? '');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
