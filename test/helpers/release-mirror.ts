// A loopback mirror laid out like the Kubernetes repository at its release tags:
// `/<tag>/api/openapi-spec/swagger.json` and `/<tag>/api/openapi-spec/v3/<path with / as __>_openapi.json`.
// Releases are fed from spec folders shaped like /openapi/v3 (the shared specs, or the tests' own tiny release)
// and v2 files; a release given only v3 documents publishes the v2 document the API server derives from them, as
// kube-apiserver serves both. Faults: a file cut off halfway, or other bytes than first published.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { v2FromV3 } from '../../server/openapi/v2.ts';
import { sharedPath } from './shared.ts';

/** File of a release (`api/openapi-spec/swagger.json`) → its bytes. */
export type ReleaseFiles = Map<string, Buffer>;

export interface ReleaseMirror {
  url: string;
  /** Paths requested, in order (`/v1.35.0/api/openapi-spec/swagger.json`). */
  requests: string[];
  /** Answers this path with its Content-Length but only half of its body, then closes the connection. */
  cutOff(path: string): void;
  /** Serves other bytes at this path from now on. */
  replace(path: string, body: Buffer): void;
  stop(): Promise<void>;
}

/**
 * Starts the mirror on 127.0.0.1; `releases` maps a tag (`v1.35.0`) to its files, read when first requested.
 * With `basicAuth` (`user:password`), a request without those credentials gets 401.
 */
export async function startReleaseMirror(
  releases: Record<string, () => ReleaseFiles>,
  options: { basicAuth?: string } = {},
): Promise<ReleaseMirror> {
  const requests: string[] = [];
  const loaded = new Map<string, ReleaseFiles>();
  const cut = new Set<string>();
  const replaced = new Map<string, Buffer>();
  const bodyOf = (path: string): Buffer | undefined => {
    const m = /^\/([^/]+)\/(.+)$/.exec(path);
    const release = m && releases[m[1]!];
    if (!m || !release) return undefined;
    if (!loaded.has(m[1]!)) loaded.set(m[1]!, release());
    return replaced.get(path) ?? loaded.get(m[1]!)!.get(m[2]!);
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://mirror.invalid').pathname;
    requests.push(path);
    const expected = options.basicAuth && `Basic ${Buffer.from(options.basicAuth).toString('base64')}`;
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('401: Unauthorized');
      return;
    }
    const body = req.method === 'GET' ? bodyOf(path) : undefined;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
    if (!cut.has(path)) {
      res.end(body);
      return;
    }
    res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutOff: (path) => cut.add(path),
    replace: (path, body) => replaced.set(path, body),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A release's files as the Kubernetes repository names them, from a v3 folder (`api/v1.json`…) and/or a v2 file. */
export function releaseFiles(source: { v3?: string; v2?: string }): ReleaseFiles {
  const files: ReleaseFiles = new Map();
  const v3 = source.v3 ? v3Documents(source.v3) : [];
  for (const { path, body } of v3) files.set(upstreamV3File(path), body);
  const v2 = source.v2
    ? jsonBytes(source.v2)
    : json(v2FromV3(v3.map((d) => JSON.parse(d.body.toString('utf8')) as Record<string, unknown>)));
  files.set('api/openapi-spec/swagger.json', v2);
  return files;
}

/** `apis/apps/v1` → `api/openapi-spec/v3/apis__apps__v1_openapi.json`, the repository's name for it. */
export function upstreamV3File(path: string): string {
  return `api/openapi-spec/v3/${path.split('/').join('__')}_openapi.json`;
}

/** A shared release, `1.35`: its v2 file and v3 folder, whichever the shared data holds. */
export function sharedRelease(minor: string): () => ReleaseFiles {
  return () => releaseFiles(sharedReleaseSpecs(minor));
}

/** The shared spec files of a release; `--spec` on them is what `--kubernetes` must equal (v3 when there is v3). */
export function sharedReleaseSpecs(minor: string): { v2?: string; v3?: string; spec: string } {
  const v2 = sharedPath('specs', 'v2', `kubernetes-${minor}.json`);
  const v3 = sharedPath('specs', 'v3', `kubernetes-${minor}`);
  const found = { ...(existsSync(v2) ? { v2 } : {}), ...(existsSync(v3) ? { v3 } : {}) };
  return { ...found, spec: found.v3 ?? v2 };
}

/** The minor versions of every shared release, v2 or v3 (`1.27`, `1.28`…). */
export function sharedReleases(): string[] {
  const minors = [
    ...readdirSync(sharedPath('specs', 'v2')).map((f) => /kubernetes-(1\.\d+)\.json$/.exec(f)?.[1]),
    ...readdirSync(sharedPath('specs', 'v3')).map((f) => /kubernetes-(1\.\d+)$/.exec(f)?.[1]),
  ].filter((m): m is string => m !== undefined);
  return [...new Set(minors)].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/** The documents of a /openapi/v3-shaped folder as JSON: the bytes of a .json file, a YAML one converted. */
function v3Documents(dir: string): Array<{ path: string; body: Buffer }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(json|ya?ml)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .map((file) => ({
      path: relative(dir, file)
        .split(sep)
        .join('/')
        .replace(/\.(json|ya?ml)$/, ''),
      body: jsonBytes(file),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A .json file's own bytes; a YAML file as the JSON the repository would publish. */
function jsonBytes(file: string): Buffer {
  return file.endsWith('.json') ? readFileSync(file) : json(parse(readFileSync(file, 'utf8')));
}

function json(doc: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
}
