// Conversions (schema → TypeScript text through openapi-typescript, for the shapes the direct emitter leaves to it),
// remembered by content: within a run (a parameter's type is asked for by many methods) and, through a store the
// caller gives, between runs. One bucket per module, keyed by everything its declarations are made from, holds the
// text of those converted and of the fragments (parameter, body and answer types) its clients had converted, so a
// changed group-version costs its own conversions only. What is written directly is not kept (writing it again
// costs less than hashing it): a module that converts nothing is neither hashed nor stored. A conversion also
// records the references it resolved, in order: a cached text is used only after replaying them yields the same
// names (and the same imports).
import { createHash } from 'node:crypto';

/** Where buckets live between runs (kubegen's cache folder); both calls may fail silently. */
export interface ConversionStore {
  /** What conversions depend on besides their input: kubegen's code, the compiler's and openapi-typescript's versions. */
  salt: string;
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/** A conversion's text and the schema references it resolved, in order, with the names they got. */
export interface Converted {
  text: string;
  refs: string[];
  names: string[];
}

/** Resolves a reference target to the name it has in the module being rendered (importing it there). */
export type ResolveRef = (target: string) => string;

interface Bucket {
  declarations: (Converted | null | undefined)[];
  fragments: Record<string, Converted>;
}

export class ModuleConversions {
  private dirty = false;
  private key: string | undefined;
  private loaded: Bucket | undefined;
  constructor(
    private readonly cache: ConversionCache,
    private readonly inputs: unknown[],
  ) {}

  /** Declaration `i` of the module, from the bucket when its references resolve as they did, else converted. */
  declaration(i: number, resolve: ResolveRef, convert: (resolve: ResolveRef) => string): string {
    const bucket = this.bucket();
    const cached = bucket.declarations[i];
    if (cached && replays(cached, resolve)) return cached.text;
    const made = recorded(resolve, convert);
    bucket.declarations[i] = made;
    this.dirty = true;
    return made.text;
  }

  /** A schema fragment's type, keyed by the prepared fragment's content. */
  fragment(schema: unknown, resolve: ResolveRef, convert: (resolve: ResolveRef) => string): string {
    const bucket = this.bucket();
    const key = this.cache.hash(schema);
    for (const cached of [bucket.fragments[key], this.cache.fragments.get(key)])
      if (cached && replays(cached, resolve)) {
        if (bucket.fragments[key] !== cached) {
          bucket.fragments[key] = cached;
          this.dirty = true;
        }
        return cached.text;
      }
    const made = recorded(resolve, convert);
    bucket.fragments[key] = made;
    this.cache.fragments.set(key, made);
    this.dirty = true;
    return made.text;
  }

  /** Keeps the bucket when something was converted. */
  save(): void {
    if (this.dirty && this.cache.store) this.cache.store.set(this.keyOf(), JSON.stringify(this.bucket()));
    this.dirty = false;
  }

  /** Hashed on first need: a module whose every declaration is written directly never hashes its schemas. */
  private keyOf(): string {
    this.key ??= this.cache.hash(this.inputs);
    return this.key;
  }

  private bucket(): Bucket {
    this.loaded ??= (this.cache.store && this.cache.read(this.keyOf(), this.inputs.length)) || {
      declarations: [],
      fragments: {},
    };
    return this.loaded;
  }
}

export class ConversionCache {
  readonly fragments = new Map<string, Converted>();
  constructor(readonly store: ConversionStore | undefined) {}

  hash(value: unknown): string {
    return createHash('sha256')
      .update(this.store?.salt ?? '')
      .update('\0')
      .update(JSON.stringify(value), 'utf8')
      .digest('hex');
  }

  /** The bucket of a module whose declarations are made of `inputs` (their names, schemas and docs, in order). */
  module(inputs: unknown[]): ModuleConversions {
    return new ModuleConversions(this, inputs);
  }

  /** A stored bucket; only the declarations that were converted have an entry (the others are null). */
  read(key: string, declarations: number): Bucket | undefined {
    const text = this.store?.get(key);
    if (text === undefined) return undefined;
    try {
      const bucket = JSON.parse(text) as Bucket;
      const ok =
        Array.isArray(bucket.declarations) &&
        bucket.declarations.length <= declarations &&
        bucket.declarations.every((d) => d === null || isConverted(d)) &&
        typeof bucket.fragments === 'object' &&
        bucket.fragments !== null &&
        Object.values(bucket.fragments).every(isConverted);
      return ok ? bucket : undefined;
    } catch {
      return undefined;
    }
  }
}

function isConverted(c: unknown): c is Converted {
  const x = c as Converted | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.text === 'string' &&
    Array.isArray(x.refs) &&
    Array.isArray(x.names) &&
    x.refs.length === x.names.length
  );
}

/** Resolves the recorded references again, in order; the text holds when every one gets the name it had. */
function replays(cached: Converted, resolve: ResolveRef): boolean {
  return cached.refs.every((target, i) => resolve(target) === cached.names[i]);
}

function recorded(resolve: ResolveRef, convert: (resolve: ResolveRef) => string): Converted {
  const refs: string[] = [];
  const names: string[] = [];
  const text = convert((target) => {
    const name = resolve(target);
    refs.push(target);
    names.push(name);
    return name;
  });
  return { text, refs, names };
}
