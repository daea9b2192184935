// Errors about where a connection comes from. Messages name the file and the entry (`user "alice"`) and the
// field at fault — never a field's value, since kubeconfig values are often tokens, passwords or keys.
// They extend the runtime's ConfigError and ExecPluginError, so `instanceof` those catches them.
import { ConfigError, ExecPluginError } from '../errors.js';

export interface ErrorWhere {
  /** The kubeconfig (or in-cluster) file the problem is in. */
  file?: string;
  /** The entry at fault: `cluster "prod"`, `user "alice"`, `context "dev"`. */
  entry?: string;
  cause?: unknown;
}

function located(message: string, where: ErrorWhere): string {
  const prefix = [where.file, where.entry].filter(Boolean).join(': ');
  return prefix ? `${prefix}: ${message}` : message;
}

/** A kubeconfig, in-cluster or explicit setting that cannot be used. */
export class KubeConfigError extends ConfigError {
  readonly file?: string;
  readonly entry?: string;

  constructor(message: string, where: ErrorWhere = {}) {
    super(located(message, where), where.cause === undefined ? undefined : { cause: where.cause });
    this.file = where.file;
    this.entry = where.entry;
  }
}

/** An exec credential plugin that could not run, failed, or answered something unusable. */
export class ExecCredentialError extends ExecPluginError {
  readonly file?: string;
  readonly entry?: string;

  constructor(message: string, where: ErrorWhere = {}) {
    super(located(message, where), where.cause === undefined ? undefined : { cause: where.cause });
    this.file = where.file;
    this.entry = where.entry;
  }
}

/** The system error code of a failed file operation (`ENOENT`…), or a generic word: never the error's own text. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}
