// One kubeconfig file → typed entries. YAML (or JSON) is parsed without ever echoing the text: a parse error
// reports line and column only, since the offending line may hold a token.
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as JsYaml from 'js-yaml';
import { KubeConfigError } from '../errors.js';
import type {
  ExecConfig,
  ExecInteractiveMode,
  KubeCluster,
  KubeConfig,
  KubeContext,
  KubeUser,
} from './kubeconfig-types.js';

type Obj = Record<string, unknown>;

/** Reads the entries of one file; relative paths resolve against the file's own folder, as kubectl does. */
export function parseKubeConfig(text: string, file: string): KubeConfig {
  const doc = parseYaml(text, file);
  const config: KubeConfig = { files: [file], clusters: new Map(), users: new Map(), contexts: new Map() };
  if (doc === null || doc === undefined) return config;
  if (!isObject(doc)) throw new KubeConfigError('not a kubeconfig: the document is not a mapping', { file });
  const base = dirname(resolve(file));
  const current = doc['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string')
    throw new KubeConfigError('current-context must be a string', { file });
  if (current) config.currentContext = current;
  for (const [name, body] of namedList(doc, 'clusters', 'cluster', file)) {
    if (config.clusters.has(name))
      throw new KubeConfigError('defined twice in this file', { file, entry: `cluster "${name}"` });
    config.clusters.set(name, readCluster(name, body, new Fields(file, `cluster "${name}"`, base)));
  }
  for (const [name, body] of namedList(doc, 'users', 'user', file)) {
    if (config.users.has(name))
      throw new KubeConfigError('defined twice in this file', { file, entry: `user "${name}"` });
    config.users.set(name, readUser(name, body, new Fields(file, `user "${name}"`, base)));
  }
  for (const [name, body] of namedList(doc, 'contexts', 'context', file)) {
    if (config.contexts.has(name))
      throw new KubeConfigError('defined twice in this file', { file, entry: `context "${name}"` });
    config.contexts.set(name, readContext(name, body, new Fields(file, `context "${name}"`, base)));
  }
  return config;
}

/** Loaded on first use: importing the runtime, or connecting in-cluster or explicitly, does not load the parser. */
let yaml: typeof JsYaml | undefined;

/** More values than any kubeconfig holds, far fewer than what a few nested aliases can stand for. */
const maxValues = 1_000_000;

function parseYaml(text: string, file: string): unknown {
  yaml ??= require('js-yaml') as typeof JsYaml;
  let doc: unknown;
  try {
    // The YAML 1.2 core schema; a key given twice is taken last, as kubectl takes it.
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
  } catch (err) {
    const mark =
      err instanceof yaml.YAMLException ? (err as { mark?: { line: number; column: number } }).mark : undefined;
    const at = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    throw new KubeConfigError(`not valid YAML${at}`, { file });
  }
  // Aliases are read as the very values they repeat; the entries' fields are used (and sent) expanded.
  if (expandsPast(doc, maxValues))
    throw new KubeConfigError(`not valid YAML: its aliases expand to more than ${maxValues} values`, { file });
  return doc;
}

/** Whether a value holds more than `max` values, each alias counted as what it repeats; stops once past. */
function expandsPast(root: unknown, max: number): boolean {
  const stack = [root];
  let count = 1;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    const items = Object.values(value);
    count += items.length;
    if (count > max) return true;
    for (const item of items) stack.push(item);
  }
  return false;
}

/** `clusters: [{ name, cluster: {...} }]` → [name, body] pairs. */
function namedList(doc: Obj, key: string, bodyKey: string, file: string): [string, Obj][] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeConfigError(`${key} must be a list`, { file });
  return list.map((item: unknown, i): [string, Obj] => {
    if (!isObject(item) || typeof item.name !== 'string' || item.name === '')
      throw new KubeConfigError(`${key}[${i}] has no name`, { file });
    const body = item[bodyKey] ?? {};
    if (!isObject(body))
      throw new KubeConfigError(`${bodyKey} must be a mapping`, { file, entry: `${bodyKey} "${item.name}"` });
    return [item.name, body];
  });
}

/** Typed reads of one entry's fields; errors name the file, entry and field, never the value. */
class Fields {
  constructor(
    readonly file: string,
    readonly entry: string,
    readonly base: string,
  ) {}
  fail(message: string): never {
    throw new KubeConfigError(message, { file: this.file, entry: this.entry });
  }
  string(body: Obj, key: string): string | undefined {
    const v = body[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') this.fail(`${key} must be a string`);
    return v;
  }
  path(body: Obj, key: string): string | undefined {
    const v = this.string(body, key);
    return v === undefined || isAbsolute(v) ? v : resolve(this.base, v);
  }
  boolean(body: Obj, key: string): boolean | undefined {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(`${key} must be true or false`);
    return v;
  }
  strings(body: Obj, key: string): string[] | undefined {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) this.fail(`${key} must be a list of strings`);
    return v as string[];
  }
}

function readCluster(name: string, body: Obj, f: Fields): KubeCluster {
  const cluster: KubeCluster = { name, file: f.file };
  cluster.server = f.string(body, 'server');
  cluster.certificateAuthority = f.path(body, 'certificate-authority');
  cluster.certificateAuthorityData = f.string(body, 'certificate-authority-data');
  cluster.insecureSkipTlsVerify = f.boolean(body, 'insecure-skip-tls-verify');
  cluster.tlsServerName = f.string(body, 'tls-server-name');
  cluster.proxyUrl = f.string(body, 'proxy-url');
  cluster.disableCompression = f.boolean(body, 'disable-compression');
  const extensions = body.extensions;
  if (Array.isArray(extensions)) {
    cluster.extensions = {};
    for (const e of extensions) if (isObject(e) && typeof e.name === 'string') cluster.extensions[e.name] = e.extension;
  }
  return dropUndefined(cluster);
}

function readUser(name: string, body: Obj, f: Fields): KubeUser {
  const user: KubeUser = { name, file: f.file };
  user.token = f.string(body, 'token');
  user.tokenFile = f.path(body, 'tokenFile');
  user.clientCertificate = f.path(body, 'client-certificate');
  user.clientCertificateData = f.string(body, 'client-certificate-data');
  user.clientKey = f.path(body, 'client-key');
  user.clientKeyData = f.string(body, 'client-key-data');
  user.username = f.string(body, 'username');
  user.password = f.string(body, 'password');
  user.as = f.string(body, 'as');
  user.asUid = f.string(body, 'as-uid');
  user.asGroups = f.strings(body, 'as-groups');
  const extra = body['as-user-extra'];
  if (extra !== undefined && extra !== null) {
    if (!isObject(extra)) f.fail('as-user-extra must be a mapping of lists');
    user.asUserExtra = {};
    for (const key of Object.keys(extra)) user.asUserExtra[key] = f.strings(extra, key) ?? [];
  }
  const provider = body['auth-provider'];
  if (provider !== undefined && provider !== null) {
    if (!isObject(provider) || typeof provider.name !== 'string') f.fail('auth-provider has no name');
    user.authProvider = { name: provider.name };
  }
  const problems: string[] = [];
  if (body.exec !== undefined && body.exec !== null) user.exec = readExec(body.exec, f, problems);
  if (problems.length) user.problems = problems;
  return dropUndefined(user);
}

const interactiveModes: readonly ExecInteractiveMode[] = ['Never', 'IfAvailable', 'Always'];

/**
 * An exec plugin entry. A wrongly typed field fails the whole file, as it does for kubectl; what kubectl's validation
 * refuses (no command, no interactiveMode for v1…) is kept as the user's problems, reported only if it is used.
 */
function readExec(exec: unknown, f: Fields, problems: string[]): ExecConfig {
  if (!isObject(exec)) f.fail('exec must be a mapping');
  const apiVersion = f.string(exec, 'apiVersion') ?? '';
  const command = f.string(exec, 'command') ?? '';
  if (!command) problems.push('exec has no command');
  if (!apiVersion) problems.push('exec has no apiVersion');
  // Only a command with a slash is a path; a bare name is looked up on PATH when it runs.
  const resolved = command.includes('/') && !isAbsolute(command) ? resolve(f.base, command) : command;
  const env = exec.env ?? [];
  if (!Array.isArray(env) || env.some((e) => !isObject(e) || typeof e.name !== 'string' || typeof e.value !== 'string'))
    f.fail('exec env must be a list of {name, value}');
  if ((env as { name: string }[]).some((e) => e.name === '')) problems.push('exec env has a variable without a name');
  const mode = f.string(exec, 'interactiveMode');
  if (mode !== undefined && !interactiveModes.includes(mode as ExecInteractiveMode))
    problems.push(`exec interactiveMode must be one of ${interactiveModes.join(', ')}`);
  // v1 requires the field; kubectl defaults v1beta1 to IfAvailable.
  if (mode === undefined && apiVersion === 'client.authentication.k8s.io/v1')
    problems.push('exec interactiveMode must be set for client.authentication.k8s.io/v1');
  return dropUndefined({
    apiVersion,
    command: resolved,
    args: f.strings(exec, 'args') ?? [],
    env: (env as { name: string; value: string }[]).map((e) => ({ name: e.name, value: e.value })),
    installHint: f.string(exec, 'installHint'),
    provideClusterInfo: f.boolean(exec, 'provideClusterInfo') ?? false,
    interactiveMode: (mode as ExecInteractiveMode | undefined) ?? 'IfAvailable',
  });
}

function readContext(name: string, body: Obj, f: Fields): KubeContext {
  return dropUndefined({
    name,
    file: f.file,
    cluster: f.string(body, 'cluster') ?? '',
    user: f.string(body, 'user') ?? '',
    namespace: f.string(body, 'namespace'),
  });
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
