// YAML input that yaml-plain.ts leaves (anchors, problems): the yaml library parses, with the YAML 1.2 core schema
// and merge keys as Kubernetes reads YAML (whatever %YAML directive a document gives, so that both readers read
// alike); this walk turns its tree into plain values in one pass, without recursion, and holds each document to the
// limits as it goes: what aliases add once expanded (not only how many there are), how deep values nest (an alias
// counts with the depth of what it repeats), duplicate keys, and aliases that contain themselves. Each problem is
// reported at its line and column with its JSON pointer.
import { createRequire } from 'node:module';
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { SpecError, pointerOf } from '../../spec/errors.js';
import { aliasBudget, formatBytes } from './limits.js';

// Loaded on first use: most inputs are plain YAML that yaml-plain.ts reads, and the library costs ~40 ms to load.
type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;
const loadYaml = (): Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);

export interface YamlOptions {
  uniqueKeys: boolean;
  maxNesting: number;
}

/** Every document of a YAML stream, as plain values. */
export function parseYamlStream(file: string, text: string, options: YamlOptions): unknown[] {
  const { LineCounter, parseAllDocuments } = loadYaml();
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
    schema: 'core',
    merge: true,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  const budget = aliasBudgetOf(text.length);
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return docs.map((doc, i) => {
    const where: YamlWhere = { file, position, ...(docs.length > 1 ? { document: i + 1 } : {}) };
    const error = doc.errors[0];
    if (error)
      throw located(where, error.pos[0], '', `invalid YAML: ${syntaxDetail(error.message, options.maxNesting)}`);
    return yamlDocumentValue(doc, where, options, budget);
  });
}

/**
 * A parsed document as plain values, held to the limits: for readers that keep the syntax tree themselves (to say
 * where a field is written). `budget` is shared by the documents of one text.
 */
export function yamlDocumentValue(doc: Document, where: YamlWhere, options: YamlOptions, budget: AliasBudget): unknown {
  return new Converter(doc, options, budget, where).value();
}

/** What aliases may still add to the documents of one text. */
export interface AliasBudget {
  left: number;
  readonly total: number;
}

export function aliasBudgetOf(textLength: number): AliasBudget {
  const total = aliasBudget(textLength);
  return { left: total, total };
}

function syntaxDetail(message: string, maxNesting: number): string {
  // The parser reports a stack overflow as an error of the document: only nesting far past the limit gets there.
  if (message.includes('Maximum call stack size exceeded')) return `nested deeper than ${maxNesting} levels`;
  return message.split('\n')[0]!;
}

/** The file, where an offset of the parsed text is in it, and which document of the stream (when several). */
export interface YamlWhere {
  file: string;
  position(offset: number): { line: number; column: number };
  document?: number;
}

function located(where: YamlWhere, offset: number, pointer: string, detail: string): SpecError {
  const document = where.document === undefined ? {} : { document: where.document };
  return new SpecError(where.file, pointer, detail, { ...where.position(offset), ...document });
}

/** A collection being converted: where it is, what it becomes, and what its aliases add so far. */
interface Frame {
  node: YAMLMap | YAMLSeq;
  value: Record<string, unknown> | unknown[];
  parent: Frame | undefined;
  token: string;
  depth: number;
  next: number;
  /** Bytes the aliases inside add once expanded. */
  added: number;
  /** Levels of nesting below and including this collection, aliases expanded. */
  height: number;
  keys: Map<string, number> | undefined;
  /** The mapping whose merge key (`<<`) named this one inline: it takes the fields it lacks on close. */
  mergeInto?: Record<string, unknown>;
}

/** What an anchored node stands for, once converted. */
interface Anchored {
  value: unknown;
  bytes: number;
  height: number;
}

class Converter {
  private readonly anchors = new Map<string, Node>();
  private readonly done = new Map<Node, Anchored>();
  private readonly open = new Set<Node>();
  private readonly stack: Frame[] = [];
  private readonly y = loadYaml();

  constructor(
    private readonly doc: Document,
    private readonly options: YamlOptions,
    private readonly budget: AliasBudget,
    private readonly where: YamlWhere,
  ) {}

  private at(offset: number, pointer: string, detail: string): SpecError {
    return located(this.where, offset, pointer, detail);
  }

  value(): unknown {
    const result = this.convert(this.doc.contents as Node | null, undefined, '');
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1]!;
      if (frame.next < frame.node.items.length) this.step(frame);
      else this.close(frame);
    }
    return result;
  }

  /** Converts the next item of a collection. */
  private step(frame: Frame): void {
    const index = frame.next++;
    if (this.y.isSeq(frame.node)) {
      (frame.value as unknown[])[index] = this.convert(frame.node.items[index] as Node | null, frame, String(index));
      return;
    }
    const pair = frame.node.items[index]!;
    if (this.y.isScalar(pair.key) && typeof pair.key.value === 'symbol') {
      this.merge(pair.value as Node | null, frame);
    } else {
      const key = this.keyOf(pair.key as Node | null, frame);
      setField(frame.value as Record<string, unknown>, key, this.convert(pair.value as Node | null, frame, key));
    }
  }

  /**
   * `<<: *defaults` or `<<: [*a, *b]` (YAML 1.1, as kubectl reads it): the fields of the mappings named that this
   * one does not give, the first mapping named winning. An inline mapping is merged once it is converted.
   */
  private merge(node: Node | null, frame: Frame): void {
    const target = frame.value as Record<string, unknown>;
    const fail = () => {
      const detail = 'a merge key (<<) takes a mapping, an alias of one, or a list of aliases of mappings';
      return this.at(rangeOf(node ?? frame.node)[0], this.pointer(frame, '<<'), detail);
    };
    if (this.y.isMap(node)) {
      this.convert(node, frame, '<<');
      this.stack[this.stack.length - 1]!.mergeInto = target;
      return;
    }
    for (const source of this.y.isSeq(node) ? (node.items as (Node | null)[]) : [node]) {
      const value = source !== null && this.y.isAlias(source) ? this.expand(source, frame, '<<') : undefined;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail();
      mergeFields(target, value as Record<string, unknown>);
    }
  }

  /** A mapping key as the field name it becomes; a key given twice is refused, as a JSON key given twice is. */
  private keyOf(node: Node | null, frame: Frame): string {
    if (node !== null && !this.y.isScalar(node))
      throw this.at(rangeOf(node)[0], this.pointer(frame), 'a mapping key must be a string, not a collection or alias');
    if (node?.anchor) this.remember(node, { value: node.value, bytes: length(node), height: 0 });
    const key = node === null || node.value === null ? '' : String(node.value);
    const offset = node ? rangeOf(node)[0] : rangeOf(frame.node)[0];
    if (this.options.uniqueKeys) {
      frame.keys ??= new Map();
      const first = frame.keys.get(key);
      if (first !== undefined) {
        const { line, column } = this.where.position(first);
        const detail = `duplicate field ${JSON.stringify(key)} (first given at line ${line}, column ${column})`;
        throw this.at(offset, pointerOf(...this.tokens(frame), key), detail);
      }
      frame.keys.set(key, offset);
    }
    return key;
  }

  /** Converts one node: scalars and aliases at once; a collection is made empty and filled item by item. */
  private convert(node: Node | null, parent: Frame | undefined, token: string): unknown {
    if (node === null) return null;
    if (this.y.isAlias(node)) return this.expand(node, parent, token);
    if (this.y.isScalar(node)) {
      if (node.anchor) this.remember(node, { value: node.value, bytes: length(node), height: 0 });
      return (node as Scalar).value;
    }
    if (!this.y.isMap(node) && !this.y.isSeq(node)) return null;
    const depth = (parent?.depth ?? 0) + 1;
    if (depth > this.options.maxNesting)
      throw this.at(
        rangeOf(node)[0],
        this.pointer(parent, token),
        `nested deeper than ${this.options.maxNesting} levels`,
      );
    const value = this.y.isSeq(node) ? [] : {};
    const frame: Frame = { node, value, parent, token, depth, next: 0, added: 0, height: 1, keys: undefined };
    if (node.anchor) {
      this.anchors.set(node.anchor, node);
      this.open.add(node);
    }
    this.stack.push(frame);
    return value;
  }

  /** An alias: the value it repeats (shared, not copied), charged with the bytes and depth it adds. */
  private expand(alias: Node & { source: string }, parent: Frame | undefined, token: string): unknown {
    const start = rangeOf(alias)[0];
    const target = this.anchors.get(alias.source);
    if (target === undefined)
      throw this.at(
        start,
        this.pointer(parent, token),
        `alias *${alias.source} has no anchor &${alias.source} before it`,
      );
    if (this.open.has(target))
      throw this.at(start, this.pointer(parent, token), `alias *${alias.source} is inside the value it repeats`);
    const anchored = this.done.get(target)!;
    const added = anchored.bytes - length(alias);
    this.budget.left -= added;
    if (this.budget.left < 0) {
      const detail = `alias *${alias.source} takes the document past what aliases may add once expanded (${formatBytes(this.budget.total)}): an alias bomb?`;
      throw this.at(start, this.pointer(parent, token), detail);
    }
    const depth = (parent?.depth ?? 0) + anchored.height;
    if (depth > this.options.maxNesting)
      throw this.at(
        start,
        this.pointer(parent, token),
        `alias *${alias.source} nests deeper than ${this.options.maxNesting} levels`,
      );
    if (parent) {
      parent.added += added;
      parent.height = Math.max(parent.height, anchored.height + 1);
    }
    return anchored.value;
  }

  private close(frame: Frame): void {
    this.stack.pop();
    const parent = frame.parent;
    if (parent) {
      parent.added += frame.added;
      parent.height = Math.max(parent.height, frame.height + 1);
    }
    if (frame.mergeInto) mergeFields(frame.mergeInto, frame.value as Record<string, unknown>);
    if (frame.node.anchor && this.open.delete(frame.node)) {
      this.remember(frame.node, { value: frame.value, bytes: length(frame.node) + frame.added, height: frame.height });
    }
  }

  private remember(node: Node, anchored: Anchored): void {
    this.anchors.set(node.anchor!, node);
    this.done.set(node, anchored);
  }

  private tokens(frame: Frame | undefined): string[] {
    const out: string[] = [];
    for (let f = frame; f?.parent; f = f.parent) out.push(f.token);
    return out.reverse();
  }

  private pointer(parent: Frame | undefined, token?: string): string {
    const tokens = this.tokens(parent);
    return pointerOf(...(token === undefined || parent === undefined ? tokens : [...tokens, token]));
  }
}

function setField(object: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__`, `constructor`…: an own field like any other, never the prototype.
  if (key in object)
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

function mergeFields(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) if (!Object.hasOwn(target, key)) setField(target, key, source[key]);
}

function rangeOf(node: Node): [number, number, number] {
  return (node.range ?? [0, 0, 0]) as [number, number, number];
}

/** The bytes of text a node takes (its value, without trailing comments). */
function length(node: Node): number {
  const [start, end] = rangeOf(node);
  return end - start;
}
