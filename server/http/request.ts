// Reads what a request asks for: the resource path (as kube-apiserver's RequestInfo does), the verb,
// the body (size-limited, JSON or YAML), and what the client accepts.
import type { IncomingMessage } from 'node:http';
import type { Verb } from '../../core/model/types.js';
import { parseText } from '../../core/source/parse/index.js';
import { SpecError } from '../../core/spec/errors.js';
import { decodeProtobufObject, protobufContentType } from '../protobuf/bodies.js';
import { badRequest, entityTooLarge, unsupportedMediaType } from './status.js';

export interface ResourceRequest {
  /** `''` for core. */
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: Verb;
  /** `/api/v1` or `/apis/apps/v1`. */
  prefix: string;
}

/** The parts of a resource path, or undefined for a non-resource path (discovery, /version…). */
export function parseResourcePath(method: string, path: string, query: URLSearchParams): ResourceRequest | undefined {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1]!, parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return undefined;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize') rest = rest.slice(2);
  }
  if (rest.length === 0) return undefined;
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  if (rest.length > 3 && subresource !== 'proxy') return undefined;

  const watching = legacyWatch || isTrue(query.get('watch'));
  let verb: Verb;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = watching ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = 'connect';
  }
  return { group, version, resource, namespace, name, subresource, verb, prefix };
}

export function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

/** kube-apiserver's limit on request bodies. */
export const maxBodyBytes = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw entityTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw entityTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Why JSON.parse refused a body, without the excerpt of the body V8 quotes in its message: a request body may hold
 * a credential (a TokenReview's token, a Secret's data), and what is refused is answered in a Status.
 */
export function jsonSyntaxReason(err: unknown): string {
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  if (!message.endsWith(' is not valid JSON')) return message;
  const token = /^Unexpected token '(.)'/su.exec(message);
  return token ? `Unexpected token '${token[1]}' in JSON` : 'Unexpected token in JSON';
}

/** Decodes a JSON or YAML object body; anything else is the real server's 400. */
export function decodeObject(body: Buffer, contentType: string): Record<string, unknown> {
  const text = body.toString('utf8');
  let value: unknown;
  const type = mediaType(contentType);
  if (type === protobufContentType) return decodeProtobufObject(body);
  if (type !== 'application/json' && type !== 'application/yaml' && type !== 'application/apply-patch+yaml') {
    throw unsupportedMediaType(type, ['application/json', 'application/yaml', protobufContentType]);
  }
  const json = type === 'application/json';
  try {
    // The reader every input goes through: bounded nesting and alias expansion; duplicate fields are the
    // strict field validation's to report.
    value = parseText('request body', text, { format: json ? 'json' : 'yaml', uniqueKeys: false });
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    const reason = err.cause === undefined ? err.detail.replace(/^invalid YAML: /, '') : jsonSyntaxReason(err.cause);
    throw badRequest(
      json ? `couldn't get version/kind; json parse error: ${reason}` : `error converting YAML to JSON: ${reason}`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  return value as Record<string, unknown>;
}

export interface AcceptedType {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): AcceptedType[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
    }
    return { type: type!.toLowerCase(), params };
  });
}

/** True when the client takes plain JSON (the default for everything this server writes). */
export function acceptsJson(accepted: AcceptedType[]): boolean {
  return accepted.some(
    (a) => (a.type === 'application/json' || a.type === '*/*' || a.type === 'application/*') && !a.params.as,
  );
}
