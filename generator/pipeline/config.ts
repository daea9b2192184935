// kubegen.config.json / .mjs / .js / .ts: every `kubegen generate` flag, for build steps. Paths in a config file
// are relative to the file. A .ts config is transpiled with the TypeScript compiler API (types are erased, not
// checked) and imported as ESM, so it needs no TS-aware loader; its relative imports must name .js/.mjs files.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kubegenVersion } from '../../core/package.js';
import { SpecError } from '../../core/spec/errors.js';
import { cacheDir } from './cache.js';

/** Everything `kubegen generate` accepts, as a config file spells it. */
export interface KubegenConfig {
  /** OpenAPI spec files or /openapi/v3-shaped folders. Without spec, crd and kubernetes, the cluster is read. */
  spec?: string | string[];
  /** CRD manifest files, folders or globs. */
  crd?: string | string[];
  /** A Kubernetes release whose published OpenAPI documents are read: `"1.35"` (v1.35.0) or `"1.35.2"`. */
  kubernetes?: string;
  /** The base URL release files are fetched under, e.g. an internal mirror ($KUBEGEN_KUBERNETES_SPECS wins). */
  kubernetesSpecs?: string;
  /** Output folder. */
  out?: string;
  kubeconfig?: string;
  context?: string;
  /** A server URL, e.g. of `kubectl proxy`. */
  server?: string;
  /** Keep only these groups (`apps`, `core`), group-versions (`apps/v1`) or resources (`apps/v1/deployments`, `deployments`). */
  include?: string[];
  exclude?: string[];
  /** Keep only groups that are not built into Kubernetes. */
  crdsOnly?: boolean;
  emit?: 'ts' | 'js';
  /** `NAME[@VERSION]`: write a publishable package; `{major}`, `{minor}`, `{patch}`, `{version}` name the Kubernetes release. */
  package?: string;
  check?: boolean;
  /** Regenerate even when the spec and options are unchanged. */
  force?: boolean;
  /** Group-version documents fetched at once from a cluster (default 8). */
  concurrency?: number;
  /** The module generated code imports the runtime from (default `@kubegen/runtime`). */
  runtimeImport?: string;
  /** `ts`: relative imports name `.ts` files, for projects that run TypeScript as it is (default `js`). */
  importExtension?: 'js' | 'ts';
  /** Also write a validator per kind, and a `validate` option on clients (needs @kubegen/validation at run time). */
  validators?: boolean;
}

const KEYS: Record<keyof KubegenConfig, 'string' | 'strings' | 'boolean' | 'count' | 'path' | 'paths' | 'release'> = {
  spec: 'paths',
  crd: 'paths',
  kubernetes: 'release',
  kubernetesSpecs: 'string',
  out: 'path',
  kubeconfig: 'path',
  context: 'string',
  server: 'string',
  include: 'strings',
  exclude: 'strings',
  crdsOnly: 'boolean',
  emit: 'string',
  package: 'string',
  check: 'boolean',
  force: 'boolean',
  concurrency: 'count',
  runtimeImport: 'string',
  importExtension: 'string',
  validators: 'boolean',
};

/** Searched in this order in the working folder. */
export const CONFIG_FILES = ['kubegen.config.ts', 'kubegen.config.mjs', 'kubegen.config.js', 'kubegen.config.json'];

/** Types a config written in code: `export default defineConfig({ … })`. */
export function defineConfig(config: KubegenConfig): KubegenConfig {
  return config;
}

/** The config file of a folder, when there is one. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
}

/** Loads, validates and resolves a config file; errors name the file and the offending key. */
export async function loadConfig(file: string): Promise<KubegenConfig> {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`${file}: config file not found`);
  const raw = await readRaw(path);
  return normalizeConfig(raw, path);
}

async function readRaw(path: string): Promise<unknown> {
  if (path.endsWith('.json')) {
    // The parsers load only for a config file, not on every build step.
    const [text, { parseText }] = await Promise.all([
      readFile(path, 'utf8'),
      import('../../core/source/parse/index.js'),
    ]);
    try {
      return parseText(path, text, { format: 'json' });
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      const at = err.line === undefined ? '' : `:${err.line}:${err.column}`;
      throw new Error(`${path}${at}${err.pointer ? ` at ${err.pointer}` : ''}: ${err.detail}`);
    }
  }
  let url = pathToFileURL(path).href;
  let temp: string | undefined;
  if (path.endsWith('.ts')) {
    temp = join(dirname(path), `.${basename(path, '.ts')}.${process.pid}.${Date.now()}.mjs`);
    await writeFile(temp, await transpileCached(path));
    url = pathToFileURL(temp).href;
  }
  try {
    const mod = (await import(url)) as { default?: unknown };
    const value = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default;
    if (value === undefined) throw new Error(`${path}: the config module has no default export`);
    return value;
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(message.startsWith(path) ? message : `${path}: ${message}`);
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}

/**
 * The transpiled config, from a cache keyed by the source's hash when it is there: loading the TypeScript compiler
 * costs more than a whole no-op build, so it is paid only when the config changed.
 */
async function transpileCached(path: string): Promise<string> {
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(`${kubegenVersion()}\0${source}`).digest('hex');
  const cached = join(cacheDir(dirname(path)), `config-${key}.mjs`);
  const hit = await readFile(cached, 'utf8').catch(() => undefined);
  if (hit !== undefined) return hit;
  const js = await transpile(path);
  // A cache that cannot be written (read-only tree) only costs speed.
  await mkdir(dirname(cached), { recursive: true })
    .then(() => writeFile(cached, js))
    .catch(() => undefined);
  return js;
}

async function transpile(path: string): Promise<string> {
  const ts = (await import('../emit/toolchain.js')).typescript();
  const out = ts.transpileModule(await readFile(path, 'utf8'), {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw new Error(`${path}: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`);
  return out.outputText;
}

/** Checks every key and resolves paths against the config file's folder. */
export function normalizeConfig(raw: unknown, file: string): KubegenConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${file}: the config must be an object`);
  const base = dirname(file);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const kind = KEYS[key as keyof KubegenConfig];
    const at = `${file} at /${key}`;
    if (!kind) throw new Error(`${at}: unknown option (known: ${Object.keys(KEYS).join(', ')})`);
    const list = typeof value === 'string' ? [value] : value;
    switch (kind) {
      case 'boolean':
        if (typeof value !== 'boolean') throw new Error(`${at}: must be true or false`);
        out[key] = value;
        break;
      case 'count':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
          throw new Error(`${at}: must be a positive whole number`);
        out[key] = value;
        break;
      case 'release':
        // JSON reads 1.30 as 1.3: a number cannot name a release faithfully.
        if (typeof value === 'number') throw new Error(`${at}: write the release as a string, e.g. "1.35"`);
        if (typeof value !== 'string' || !value) throw new Error(`${at}: must be a release such as "1.35"`);
        out[key] = value;
        break;
      case 'string':
      case 'path':
        if (typeof value !== 'string' || !value) throw new Error(`${at}: must be a non-empty string`);
        out[key] = kind === 'path' ? resolveFrom(base, value) : value;
        break;
      case 'strings':
      case 'paths':
        if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s))
          throw new Error(`${at}: must be a string or a list of strings`);
        out[key] = kind === 'paths' ? (list as string[]).map((p) => resolveFrom(base, p)) : list;
        break;
    }
  }
  if (out.emit !== undefined && out.emit !== 'ts' && out.emit !== 'js')
    throw new Error(`${file} at /emit: must be "ts" or "js"`);
  if (out.importExtension !== undefined && out.importExtension !== 'js' && out.importExtension !== 'ts')
    throw new Error(`${file} at /importExtension: must be "js" or "ts"`);
  return out as KubegenConfig;
}

function resolveFrom(base: string, p: string): string {
  // A URL-looking value (a server) or an absolute path stays as it is.
  return isAbsolute(p) || /^[a-z]+:\/\//i.test(p) ? p : resolve(base, p);
}
