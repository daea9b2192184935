// `Warning` response headers (RFC 7234 form `299 - "text"`) as kube-apiserver sends them for deprecated APIs and
// unknown fields. By default each distinct text is logged once per client, like kubectl.
import type { CallSite } from '../errors.js';
import type { Interceptor } from './pipeline.js';

export type WarningHandler = (warning: string, site: CallSite) => void;

/** The texts of one or more `Warning` header values; a value may hold several comma-separated warnings. */
export function parseWarnings(header: string | string[]): string[] {
  const out: string[] = [];
  for (const value of typeof header === 'string' ? [header] : header) {
    const re = /\s*(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(value)) !== null) {
      if (m[1] === '299') out.push(m[3]!.replace(/\\(.)/g, '$1'));
      end = re.lastIndex;
      if (end >= value.length) break;
    }
    if (end === 0 && value.trim() !== '') out.push(value.trim());
  }
  return out;
}

/** Logs each distinct warning once, through `log` (default: standard error, as kubectl prints them). */
export function logOnce(log: (message: string) => void = (m) => console.warn(m)): WarningHandler {
  const seen = new Set<string>();
  return (warning) => {
    if (seen.has(warning)) return;
    seen.add(warning);
    log(`Warning: ${warning}`);
  };
}

/** Hands every `Warning` of every answer (errors included) to `handler`, each text passed through `scrub` first. */
export function warnings(handler: WarningHandler, scrub: (text: string) => string): Interceptor {
  return (next) => async (exchange) => {
    const answer = await next(exchange);
    const header = answer.headers.warning;
    if (header !== undefined) for (const text of parseWarnings(header)) handler(scrub(text), exchange.site);
    return answer;
  };
}
