// What every request handler works with: the server's state and one request's parsed parts,
// plus the few ways of writing a JSON answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Validator } from '@kubegen/validation';
import type { OpenApiDocuments } from '../openapi/serve.js';
import type { Registry, ServedResource } from '../api/registry.js';
import type { AcceptedType, ResourceRequest } from './request.js';
import type { StatusError } from './status.js';
import type { Store } from '../storage/store.js';
import type { Faults } from './faults.js';
import type { UserInfo } from '../auth/authenticate.js';
import type { ServiceAccountTokens } from '../auth/tokens.js';

export interface ServerState {
  registry: Registry;
  store: Store;
  openapi: OpenApiDocuments;
  faults: Faults;
  /** Milliseconds between watch bookmarks when a client allows them. */
  bookmarkIntervalMs: number;
  /** Open watch streams, so that tests can expire them. */
  watches: Set<{ expire(): void; close(): void }>;
  /** Checks objects against their kind's schema and CEL rules before they are stored (CRDs added as installed). */
  validator: Validator;
  /** Issues and checks service account tokens (TokenRequest, TokenReview, bearer authentication). */
  serviceAccountTokens: ServiceAccountTokens;
  /** Called after a CustomResourceDefinition is stored, changed or removed. */
  onCrdChange?: (crd: Record<string, unknown>, removed: boolean) => void;
}

export interface Call {
  state: ServerState;
  req: IncomingMessage;
  res: ServerResponse;
  info: ResourceRequest;
  resource: ServedResource;
  query: URLSearchParams;
  accept: AcceptedType[];
  user: UserInfo;
  /** Warnings sent back as `Warning: 299 - "…"` headers. */
  warnings: string[];
  /** Fields the request body repeated (found when the body is read), for field validation. */
  duplicates?: string[];
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': String(data.length), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}

export function sendStatus(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.code, err.toStatus(), 'application/json', err.headers);
}

/** Adds the warnings of a call as `Warning` headers (before the answer is written). */
export function writeWarnings(call: Call): void {
  if (call.warnings.length === 0) return;
  call.res.setHeader(
    'Warning',
    call.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
}
