// Paths outside any resource: /version, health checks, discovery, the OpenAPI documents, and service account
// issuer discovery.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type ServerState } from './context.js';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedVersion,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../api/discovery.js';
import type { AcceptedType } from './request.js';
import { openApiV2ProtobufTypes } from '../openapi/protobuf.js';
import { acceptsJson } from './request.js';
import { notAcceptable } from './status.js';
import { apiAudience } from '../auth/tokens.js';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function notFoundPage(res: ServerResponse): void {
  sendText(res, 404, '404 page not found\n');
}

/** Answers a non-resource path; returns false when the path is not one this server knows. */
export function serveNonResource(
  state: ServerState,
  version: VersionInfo,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  accept: AcceptedType[],
): boolean {
  const parts = path.split('/').filter(Boolean);
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/version' || path === '/version/') {
    sendJson(res, 200, {
      major: version.major,
      minor: version.minor,
      emulationMajor: version.major,
      emulationMinor: version.minor,
      minCompatibilityMajor: version.major,
      minCompatibilityMinor: String(Math.max(0, Number(version.minor) - 1)),
      gitVersion: version.gitVersion,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2025-01-01T00:00:00Z',
      goVersion: 'go1.24.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
    return true;
  }
  if (parts[0] === 'healthz' || parts[0] === 'livez' || parts[0] === 'readyz')
    return serveHealth(res, query, parts[0], parts.slice(1).join('/'));
  if (path === '/.well-known/openid-configuration' || path === '/openid/v1/jwks') {
    serveIssuerDiscovery(state, req, res, path);
    return true;
  }
  if (parts[0] === 'openapi') return serveOpenApi(state, req, res, parts.slice(1), accept, query.get('hash'));
  if (parts[0] === 'api' && parts.length <= 2) {
    const aggregated = aggregatedVersion(accept);
    if (parts.length === 1 && aggregated)
      sendJson(res, 200, aggregatedDiscovery(state.registry, true, aggregated), aggregatedContentType(aggregated), {
        Vary: 'Accept',
      });
    else if (parts.length === 1) sendJson(res, 200, apiVersions(), 'application/json', { Vary: 'Accept' });
    else if (state.registry.hasGroupVersion('', parts[1]!))
      sendJson(res, 200, apiResourceList(state.registry, '', parts[1]!));
    else return false;
    return true;
  }
  if (parts[0] === 'apis' && parts.length <= 3) {
    const aggregated = aggregatedVersion(accept);
    if (parts.length === 1 && aggregated)
      sendJson(res, 200, aggregatedDiscovery(state.registry, false, aggregated), aggregatedContentType(aggregated), {
        Vary: 'Accept',
      });
    else if (parts.length === 1)
      sendJson(res, 200, apiGroupList(state.registry), 'application/json', { Vary: 'Accept' });
    else if (parts.length === 2 && state.registry.get(parts[1]!) && parts[1] !== '')
      sendJson(res, 200, apiGroup(state.registry.get(parts[1]!)!));
    else if (parts.length === 3 && state.registry.hasGroupVersion(parts[1]!, parts[2]!))
      sendJson(res, 200, apiResourceList(state.registry, parts[1]!, parts[2]!));
    else return false;
    return true;
  }
  return false;
}

const postStartHooks = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'start-cluster-authentication-info-controller',
].map((h) => `poststarthook/${h}`);

/** The checks each health endpoint runs, as kube-apiserver names them (all pass here). */
const healthChecks: Record<string, string[]> = {
  healthz: ['ping', 'log', 'etcd', ...postStartHooks],
  livez: ['ping', 'log', 'etcd', ...postStartHooks],
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...postStartHooks, 'shutdown'],
};

/** `/readyz`, `/readyz/<check>`, and `?verbose` (one line per check, `?exclude=` marking checks left out). */
function serveHealth(res: ServerResponse, query: URLSearchParams, endpoint: string, check: string): boolean {
  const checks = healthChecks[endpoint]!;
  if (check !== '') {
    if (!checks.includes(check)) return false;
    sendText(res, 200, 'ok');
    return true;
  }
  if (!query.has('verbose')) {
    sendText(res, 200, 'ok');
    return true;
  }
  const excluded = new Set(query.getAll('exclude'));
  const lines = checks.map((name) => `[+]${name} ${excluded.has(name) ? 'excluded: ok' : 'ok'}`);
  sendText(res, 200, `${lines.join('\n')}\n${endpoint} check passed\n`);
  return true;
}

/**
 * Service account issuer discovery, as kube-apiserver serves it: the OpenID configuration naming the issuer of
 * the tokens it signs and where its keys are, and the keys.
 */
function serveIssuerDiscovery(state: ServerState, req: IncomingMessage, res: ServerResponse, path: string): void {
  const cache = { 'Cache-Control': 'public, max-age=3600' };
  if (path === '/openid/v1/jwks') {
    sendJson(res, 200, state.serviceAccountTokens.jwks(), 'application/jwk-set+json', cache);
    return;
  }
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  sendJson(
    res,
    200,
    {
      issuer: apiAudience,
      jwks_uri: `${scheme}://${req.headers.host ?? 'localhost'}/openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    },
    'application/json',
    cache,
  );
}

function serveOpenApi(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  accept: AcceptedType[],
  hash: string | null,
): boolean {
  const json = acceptsJson(accept);
  if (parts[0] === 'v2' && parts.length === 1) {
    if (!state.openapi.v2()) return false;
    // The first type the client names that is served: kubectl names only the protobuf encoding.
    const chosen = accept.find((a) => openApiV2ProtobufTypes.includes(a.type) || acceptsJson([a]));
    if (!chosen) throw notAcceptable(['application/json', ...openApiV2ProtobufTypes]);
    const protobuf = openApiV2ProtobufTypes.includes(chosen.type);
    const doc = protobuf ? state.openapi.v2Protobuf()! : state.openapi.v2()!;
    sendDocument(req, res, doc.body, doc.hash, false, protobuf ? openApiV2ProtobufTypes[1] : 'application/json');
    return true;
  }
  if (parts[0] !== 'v3') return false;
  if (parts.length === 1) {
    sendJson(res, 200, state.openapi.index(), 'application/json');
    return true;
  }
  const path = parts.slice(1).join('/');
  const doc = state.openapi.v3(path);
  if (!doc) return false;
  if (!json) throw notAcceptable(['application/json']);
  if (hash !== null && hash !== doc.hash) {
    res.writeHead(301, { Location: `/openapi/v3/${path}?hash=${doc.hash}`, 'Cache-Control': 'no-cache, private' });
    res.end();
    return true;
  }
  sendDocument(req, res, doc.body, doc.hash, hash !== null);
  return true;
}

function sendDocument(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  hash: string,
  immutable: boolean,
  contentType = 'application/json',
): void {
  const etag = `"${hash}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': immutable ? 'public, immutable' : 'no-cache, private',
    Vary: 'Accept',
  };
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': contentType, 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
