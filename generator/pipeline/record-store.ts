// A build's record (build-record.ts) as the build cache keeps it: a small head, read whole, naming parts kept by
// content hash — what the spec documents provide, the lookups across every group that a rebuilt group must agree
// with, each group's own entries, and the text the spec hash is taken over (record-items.ts). A build that rebuilds
// some groups reads the head, the lookups and those groups' parts, and writes the parts that changed and a new head.
import type { Schema } from '../../core/model/types.js';
import { sha256 } from '../../core/spec/hash.js';
import type { RenderFacts } from '../emit/facts.js';
import type { FixedHome } from '../emit/plan.js';
import type { KeptRecord, RecordToKeep } from './build-cache.js';
import { type BuildRecord, moduleGroup, operationGroup } from './build-record.js';
import { type ItemsLayout, type ItemsText, itemsText } from './record-items.js';

/** What a record says of the whole build, with the hash of each of its parts. */
export interface RecordHead {
  options: string;
  inputs: [string, string][];
  crdFiles: Record<string, [string, string][]>;
  modules: RenderFacts['modules'];
  queries: RenderFacts['queries'];
  spec: string;
  lookups: string;
  /** The part of the items' text (named by the spec hash), and its lines; absent when it could not be kept. */
  items?: ItemsLayout;
  /** Each group with entries → its part. */
  groups: [string, string][];
}

/** What the spec documents provide: never changed by rebuilding a group of CRDs. */
export interface SpecFacts {
  specDocuments: number;
  specGroups: string[];
  specSchemas: string[];
  metaSchemas?: Record<string, Schema>;
}

/** Across every group: what lives where, by group where the record keeps it by group. */
export interface Lookups {
  /** Group → the schemas living in its modules. */
  homes: [string, string[]][];
  /** Group → the operationIds of its paths. */
  ids: [string, string[]][];
  goKinds: [string, string][];
  replacements: [string, string[]][];
}

/** A group's own entries: its schemas' and operations' hashes, and where its schemas live. */
export interface GroupEntries {
  schemas: Map<string, string>;
  operations: Map<string, string>;
  homes: Map<string, FixedHome>;
}

/** A group with no entries yet. */
export const noEntries = (): GroupEntries => ({ schemas: new Map(), operations: new Map(), homes: new Map() });

/** A part missing, damaged or not as written: the record cannot be used. */
export class DamagedRecord extends Error {}

/** A kept record, each part read and parsed when first asked for; parts that do not read throw DamagedRecord. */
export class RecordView {
  readonly head: RecordHead;
  private readonly kept: KeptRecord;
  private readonly parts = new Map<string, unknown>();
  private readonly groupParts: Map<string, string>;

  constructor(kept: KeptRecord) {
    this.kept = kept;
    const head = kept.head as Partial<RecordHead> | null;
    const items = head?.items;
    const whole =
      typeof head?.options === 'string' &&
      typeof head.spec === 'string' &&
      typeof head.lookups === 'string' &&
      Array.isArray(head.groups) &&
      (items === undefined || (typeof items.hash === 'string' && Array.isArray(items.lengths)));
    if (!whole) throw new DamagedRecord('the record does not read');
    this.head = head as RecordHead;
    this.groupParts = new Map(this.head.groups);
  }

  spec(): SpecFacts {
    return this.part(this.head.spec, (text) => JSON.parse(text) as SpecFacts);
  }

  /** The lookups, with the group each schema lives in and the kind each Go name names. */
  lookups(): Lookups & { homeGroup: Map<string, string>; goKind: Map<string, string> } {
    return this.part(this.head.lookups, (text) => {
      const lookups = JSON.parse(text) as Lookups;
      const homeGroup = new Map<string, string>();
      for (const [group, names] of lookups.homes) for (const name of names) homeGroup.set(name, group);
      return { ...lookups, homeGroup, goKind: new Map(lookups.goKinds) };
    });
  }

  /** The group's entries; none when the record has no part for it. */
  group(group: string): GroupEntries {
    const hash = this.groupParts.get(group);
    if (hash === undefined) return noEntries();
    return this.part(hash, (text) => {
      const part = JSON.parse(text) as {
        schemas: [string, string][];
        operations: [string, string][];
        homes: [string, FixedHome][];
      };
      return { schemas: new Map(part.schemas), operations: new Map(part.operations), homes: new Map(part.homes) };
    });
  }

  /** The items' text and where its lines end; undefined when the record could not keep it. */
  items(): { bytes: Buffer; layout: ItemsLayout } | undefined {
    const layout = this.head.items;
    if (!layout) return undefined;
    return { bytes: this.kept.bytes(layout.hash) ?? missing(layout.hash), layout };
  }

  private part<T>(hash: string, parse: (text: string) => T): T {
    if (this.parts.has(hash)) return this.parts.get(hash) as T;
    const text = this.kept.part(hash) ?? missing(hash);
    let value: T;
    try {
      value = parse(text);
    } catch (err) {
      if (err instanceof DamagedRecord) throw err;
      throw new DamagedRecord(`the record's part ${hash} does not read`);
    }
    this.parts.set(hash, value);
    return value;
  }
}

function missing(hash: string): never {
  throw new DamagedRecord(`the record's part ${hash} is missing or damaged`);
}

/** Collects a record's parts: a part given as text is hashed and kept; one given by hash is an earlier one's. */
export class RecordParts {
  readonly texts = new Map<string, string | Uint8Array[]>();
  private readonly hashes = new Set<string>();

  add(text: string): string {
    const hash = sha256(text);
    this.texts.set(hash, text);
    this.hashes.add(hash);
    return hash;
  }

  /** The items' text: its part is named by its hash, the spec hash. */
  addItems({ chunks, ...layout }: ItemsText): ItemsLayout {
    this.texts.set(layout.hash, chunks);
    this.hashes.add(layout.hash);
    return layout;
  }

  reuse(hash: string): string {
    this.hashes.add(hash);
    return hash;
  }

  keep(head: RecordHead): RecordToKeep {
    return { head, parts: [...this.hashes], texts: this.texts };
  }
}

/** The text of a group's part. */
export function groupText(entries: GroupEntries): string {
  return JSON.stringify({
    schemas: [...entries.schemas],
    operations: [...entries.operations],
    homes: [...entries.homes],
  });
}

/** A whole build's record, as parts; `specHash`: the model's, which the kept items' text must hash to. */
export function recordToKeep(record: BuildRecord, specHash: string): RecordToKeep {
  const parts = new RecordParts();
  const groups = new Map<string, GroupEntries>();
  const entries = (group: string) => {
    let found = groups.get(group);
    if (!found) groups.set(group, (found = noEntries()));
    return found;
  };
  const schemas = new Map<string, string>();
  for (const [group, byName] of Object.entries(record.schemas))
    for (const [name, hash] of Object.entries(byName)) {
      entries(group).schemas.set(name, hash);
      schemas.set(name, hash);
    }
  const operations = new Map<string, string>();
  for (const [, byKey] of Object.entries(record.operations))
    for (const [key, hash] of Object.entries(byKey)) {
      entries(operationGroup(key)).operations.set(key, hash);
      operations.set(key, hash);
    }
  const homes = new Map<string, string[]>();
  for (const [name, at] of Object.entries(record.render.homes)) {
    const group = moduleGroup(at.key);
    entries(group).homes.set(name, at);
    const names = homes.get(group);
    if (names) names.push(name);
    else homes.set(group, [name]);
  }
  for (const names of homes.values()) names.sort();
  const spec: SpecFacts = {
    specDocuments: record.specDocuments,
    specGroups: record.specGroups,
    specSchemas: record.specSchemas,
    ...(record.metaSchemas ? { metaSchemas: record.metaSchemas } : {}),
  };
  const lookups: Lookups = {
    homes: [...homes],
    ids: Object.entries(record.ids).map(([group, ids]) => [group, [...ids].sort()]),
    goKinds: Object.entries(record.goKinds),
    replacements: Object.entries(record.replacements),
  };
  const items = itemsText({ schemas, operations }, specHash);
  return parts.keep({
    options: record.options,
    inputs: record.inputs,
    crdFiles: record.crdFiles,
    modules: record.render.modules,
    queries: record.render.queries,
    spec: parts.add(JSON.stringify(spec)),
    lookups: parts.add(JSON.stringify(lookups)),
    ...(items ? { items: parts.addItems(items) } : {}),
    groups: [...groups].map(([group, e]) => [group, parts.add(groupText(e))]),
  });
}
