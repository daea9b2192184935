// startApiServer: loads specs and CRDs, listens on loopback (HTTP or HTTPS with a generated CA), and hands
// back what a test or user needs: URL, CA, credentials, a kubeconfig, fault injection, the change log, stop().
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { stringify } from 'yaml';
import { dedupeCrds, readCrdFiles } from '../core/source/crd/manifests.js';
import { resolveCrdPaths } from '../core/source/crd/patterns.js';
import type { AuthOptions } from './auth/authenticate.js';
import type { ServerState } from './http/context.js';
import { CrdInstaller } from './api/crds.js';
import { Faults, type FaultRule } from './http/faults.js';
import { handleRequest, handleUpgrade, type ConnectHandler } from './http/handler.js';
import { now } from './storage/objects.js';
import { OpenApiDocuments } from './openapi/serve.js';
import { Registry } from './api/registry.js';
import { loadServedSpecs } from './api/specs.js';
import { servedValidator } from './validate/schemas.js';
import { Store, type Change, type KubeObject } from './storage/store.js';
import { createCertificateAuthority, generateCaKey, type KeyPair } from './auth/tls.js';
import { ServiceAccountTokens } from './auth/tokens.js';
import { randomUUID } from 'node:crypto';
import { startNamespaceControllers } from './controllers/namespaces.js';
import { createSystemPriorityClasses } from './controllers/priorityclasses.js';
import { createKubernetesService } from './controllers/kubernetes-service.js';
import { startStorageProtection } from './controllers/storageprotection.js';

export interface ApiServerOptions {
  /** OpenAPI specs: a v2 JSON file and/or a v3 folder laid out like the server (`api/v1.json`, `apis/<g>/<v>.json`). */
  specs: string[];
  /** CRD manifests whose definitions are created at start: files, folders (their .yaml, .yml and .json files) or globs. */
  crds?: string[];
  /** Serve HTTPS with a freshly generated CA and serving certificate. */
  tls?: boolean;
  /**
   * Require credentials. `true` makes one administrator token (and, with `tls`, a client certificate signed by the
   * server's CA); an object says exactly which tokens and certificates are accepted. Unset: no authentication.
   */
  auth?: true | AuthOptions;
  /** Fault rules active from the start (more can be added through the handle). */
  faults?: FaultRule[];
  /** How many changes stay replayable by watches and continue tokens before compaction (default 10000). */
  watchWindow?: number;
  /** Milliseconds between BOOKMARK events on watches that allow them (default 10000). */
  bookmarkIntervalMs?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Connect subresource handlers by `resource/subresource` (`pods/exec`, `pods/log`…). */
  connect?: Record<string, ConnectHandler>;
  /** The version /version reports (`v1.35.0`); by default taken from the spec file names, else v1.35.0. */
  kubernetesVersion?: string;
}

export interface ApiServerCredentials {
  /** A bearer token the server accepts, when auth is on. */
  token?: string;
  /** A client certificate the server accepts, when auth and TLS are on. */
  clientCertificate?: KeyPair;
}

export interface KubeconfigOptions {
  /** Which credential the user entry carries (default: the token, else the client certificate, else none). */
  credential?: 'token' | 'certificate' | 'none';
  namespace?: string;
  /** Name of the cluster, user and context entries (default `kubegen`). */
  name?: string;
}

export interface ApiServer {
  /** `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** PEM of the CA that signed the serving certificate (TLS only). */
  readonly ca?: string;
  readonly credentials: ApiServerCredentials;
  /** A kubeconfig (YAML) reaching this server. */
  kubeconfig(options?: KubeconfigOptions): string;
  /** A client certificate for any user and groups, signed by the server's CA (TLS only). */
  issueClientCertificate(user: string, groups?: string[]): KeyPair;
  /** Adds a fault rule; returns a function that removes it. */
  injectFault(rule: FaultRule): () => void;
  clearFaults(): void;
  /** Every committed change, oldest first, with its resourceVersion. */
  changes(): Change[];
  /** The newest resourceVersion. */
  readonly resourceVersion: number;
  /** Forgets the replayable change log: watches and continue tokens from before now get 410 Expired. */
  compact(): void;
  /** Ends every open watch with an ERROR event (410 Expired), as a server dropping its watch cache would. */
  expireWatches(): void;
  setWatchWindow(changes: number): void;
  /** Registers a connect subresource handler (`pods/exec`…). */
  registerConnect(key: string, handler: ConnectHandler): void;
  stop(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const rootCa = options.tls ? undefined : clusterCa();
  const specs = await loadServedSpecs(options.specs);
  const store = new Store(options.watchWindow ?? 10_000);
  const state: ServerState = {
    registry: new Registry(),
    store,
    openapi: new OpenApiDocuments(specs.v2, specs.v3),
    faults: new Faults(),
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
    watches: new Set(),
    serviceAccountTokens: new ServiceAccountTokens(store),
    validator: servedValidator(specs),
  };
  state.registry.install(specs.model);
  for (const rule of options.faults ?? []) state.faults.add(rule);
  const crds = new CrdInstaller(state, specs.modelFromDocuments, specs.metaSchemas);
  state.onCrdChange = (crd, removed) => crds.onChange(crd, removed);
  seedNamespaces(store);
  const host = options.host ?? '127.0.0.1';
  const ca = options.tls ? createCertificateAuthority() : undefined;
  createSystemPriorityClasses(state);
  startNamespaceControllers(state, (ca?.cert ?? (await rootCa)!).replace(/\r\n/g, '\n'));
  startStorageProtection(state);
  for (const loaded of dedupeCrds(
    await readCrdFiles(await resolveCrdPaths(options.crds ?? [], process.cwd(), 'crds')),
  )) {
    const obj = { ...(loaded.crd as unknown as KubeObject) };
    obj.metadata = { ...obj.metadata, uid: randomUUID(), creationTimestamp: now() };
    crds.onChange(store.commit('ADDED', 'apiextensions.k8s.io/customresourcedefinitions', obj), false);
  }
  // Preloaded CRDs are Established before the server answers anything.
  if ((options.crds ?? []).length > 0) await new Promise((r) => setImmediate(r));

  const serving = ca?.issueServer([...new Set([host, '127.0.0.1', 'localhost', '::1'])]);
  const credentials: ApiServerCredentials = {};
  const auth = resolveAuth(options.auth, Boolean(ca), credentials, ca);
  const connect = new Map(Object.entries(options.connect ?? {}));
  const handlerOptions = { auth, version: versionInfo(options.kubernetesVersion ?? specs.kubernetesVersion), connect };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => void handleRequest(state, handlerOptions, req, res);
  const server: Server =
    ca && serving
      ? createHttpsServer(
          {
            key: serving.key,
            cert: serving.cert,
            ca: auth?.clientCA ?? ca.cert,
            requestCert: Boolean(auth?.clientCertificates),
            rejectUnauthorized: false,
          },
          onRequest,
        )
      : createHttpServer(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) =>
    handleUpgrade(state, handlerOptions, req, socket, head),
  );
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  createKubernetesService(state, host, port);
  const url = `${ca ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    ca: ca?.cert,
    credentials,
    kubeconfig: (opts = {}) => kubeconfig(url, ca?.cert, credentials, opts),
    issueClientCertificate: (user, groups) => {
      if (!ca) throw new Error('client certificates need a server started with tls: true');
      return ca.issueClient(user, groups);
    },
    injectFault: (rule) => state.faults.add(rule),
    clearFaults: () => state.faults.clear(),
    changes: () => store.changes(),
    get resourceVersion() {
      return store.resourceVersion;
    },
    compact: () => store.compact(),
    expireWatches: () => {
      store.compact();
      for (const w of [...state.watches]) w.expire();
    },
    setWatchWindow: (n) => store.setWindow(n),
    registerConnect: (key, handler) => void connect.set(key, handler),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const w of [...state.watches]) w.close();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

let generatedCa: Promise<string> | undefined;

/** The CA bundle a server without TLS publishes: one generated CA, shared by every such server. */
function clusterCa(): Promise<string> {
  generatedCa ??= generateCaKey().then((key) => createCertificateAuthority('kubernetes', key).cert);
  return generatedCa;
}

function seedNamespaces(store: Store): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.commit('ADDED', '/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: randomUUID(), creationTimestamp: now(), labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
}

function resolveAuth(
  option: true | AuthOptions | undefined,
  tls: boolean,
  credentials: ApiServerCredentials,
  ca: ReturnType<typeof createCertificateAuthority> | undefined,
): (AuthOptions & { clientCA?: string }) | undefined {
  if (!option) {
    // Everyone is let in, but kubectl asks for a username when the user entry for an HTTPS cluster has no
    // credential: the kubeconfig carries an administrator's certificate, as a new cluster's admin kubeconfig does.
    if (tls && ca) credentials.clientCertificate = ca.issueClient('kubegen-admin', ['system:masters']);
    return undefined;
  }
  if (option === true) {
    const token = randomBytes(24).toString('base64url');
    credentials.token = token;
    if (tls && ca) credentials.clientCertificate = ca.issueClient('kubegen-admin', ['system:masters']);
    return { tokens: { [token]: { username: 'kubegen-admin', groups: ['system:masters'] } }, clientCertificates: tls };
  }
  const first = Object.keys(option.tokens ?? {})[0];
  if (first) credentials.token = first;
  if (option.clientCertificates && tls && ca && !option.clientCA)
    credentials.clientCertificate = ca.issueClient('kubegen-admin', ['system:masters']);
  return option;
}

function versionInfo(gitVersion: string): { major: string; minor: string; gitVersion: string } {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '35',
    gitVersion: gitVersion.startsWith('v') ? gitVersion : `v${gitVersion}`,
  };
}

function kubeconfig(url: string, ca: string | undefined, creds: ApiServerCredentials, opts: KubeconfigOptions): string {
  const name = opts.name ?? 'kubegen';
  const credential = opts.credential ?? (creds.token ? 'token' : creds.clientCertificate ? 'certificate' : 'none');
  const user: Record<string, string> = {};
  if (credential === 'token' && creds.token) user.token = creds.token;
  if (credential === 'certificate' && creds.clientCertificate) {
    user['client-certificate-data'] = Buffer.from(creds.clientCertificate.cert).toString('base64');
    user['client-key-data'] = Buffer.from(creds.clientCertificate.key).toString('base64');
  }
  const cluster: Record<string, string> = { server: url };
  if (ca) cluster['certificate-authority-data'] = Buffer.from(ca).toString('base64');
  const context: Record<string, string> = { cluster: name, user: name };
  if (opts.namespace) context.namespace = opts.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name, user }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  });
}
