// Errors about the input spec: each names the file and the JSON pointer (RFC 6901) of the offending value,
// so that `kubegen` can print one line that leads straight to the problem.

/** Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string): string {
  // Most tokens need no escape: a model build makes tens of thousands of pointers.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins tokens into a JSON pointer: `['paths', '/api/v1', 'get']` → `/paths/~1api~1v1/get`. */
export function pointerOf(...tokens: (string | number)[]): string {
  let pointer = '';
  for (const t of tokens) pointer += `/${escapePointerToken(String(t))}`;
  return pointer;
}

/**
 * A JSON pointer made only when it is read (`String(at)`): walks over a large spec or CRD pass hundreds of thousands
 * of values, and only the one an error names needs its pointer.
 */
export class PointerAt {
  constructor(
    private readonly up: PointerAt | string,
    private readonly tokens: (string | number)[],
  ) {}
  toString(): string {
    return String(this.up) + pointerOf(...this.tokens);
  }
}

export interface SpecErrorOptions {
  /** Where a parser stopped, 1-based. */
  line?: number;
  column?: number;
  /** Which document of a multi-document YAML stream, 1-based (the line already says where in the file). */
  document?: number;
  cause?: unknown;
}

/** `text` on one line: names from a spec (a schema called `a\r\nb`) keep their control characters escaped. */
export function oneLine(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return text.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A problem in a spec file: `spec.json#/paths/~1api~1v1/get: <detail>`. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  /** The spec file (as given on the command line, or the in-memory document's name). */
  readonly file: string;
  /** JSON pointer inside the file; `''` for the whole document. */
  readonly pointer: string;
  /** The problem alone, without the location. */
  readonly detail: string;
  readonly line?: number;
  readonly column?: number;
  readonly document?: number;

  constructor(file: string, pointer: string, detail: string, options: SpecErrorOptions = {}) {
    super(
      oneLine(`${location(file, pointer, options)}: ${detail}`),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.file = file;
    this.pointer = pointer;
    this.detail = detail;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    if (options.document !== undefined) this.document = options.document;
  }
}

function location(file: string, pointer: string, { line, column }: SpecErrorOptions): string {
  const at = line === undefined ? '' : column === undefined ? `:${line}` : `:${line}:${column}`;
  // The whole document has the empty pointer: the file (and line) alone say where, with no stray `#`.
  return pointer === '' ? `${file}${at}` : `${file}${at}#${pointer}`;
}
