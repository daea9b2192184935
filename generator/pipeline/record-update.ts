// The record of a build that rebuilt some groups (incremental.ts): the earlier record with those groups' entries as
// the rebuilt part has them. Only their parts, the items' text and the head are new; the lookups are new only when
// what lives where changed; every other part is the earlier record's.
import type { SourceItems } from '../../core/model/build.js';
import { goKinds } from '../../core/model/deprecations.js';
import type { ApiModel } from '../../core/model/types.js';
import type { InputRecord } from '../../core/source/inputs/hash.js';
import type { ModuleFacts } from '../emit/facts.js';
import type { FixedHome } from '../emit/plan.js';
import type { RecordToKeep } from './build-cache.js';
import { kindGroup, kindReplacements, moduleGroup, operationGroup, operationIds } from './build-record.js';
import { changeItems } from './record-items.js';
import {
  type GroupEntries,
  type Lookups,
  RecordParts,
  type RecordHead,
  type RecordView,
  groupText,
  noEntries,
} from './record-store.js';

/** The model of the rebuilt groups, and its items. */
export interface Part {
  model: ApiModel;
  items: SourceItems;
}

/** A group-version module rendered again: its file and text, and where its schemas live. */
export interface RenderedPart {
  key: string;
  file: string;
  text: string;
  homes: Map<string, FixedHome>;
  facts: ModuleFacts;
}

export interface RebuiltGroups {
  inputs: Record<string, InputRecord>;
  part: Part;
  rendered: RenderedPart[];
  groups: Set<string>;
  crdFiles: RecordHead['crdFiles'];
}

/** The new record, and the spec hash of the build; or why the earlier record cannot be carried over. */
export function recordAfter(
  record: RecordView,
  rebuilt: RebuiltGroups,
): { record: RecordToKeep; specHash: string } | string {
  const { part, groups } = rebuilt;
  const entries = groupsAfter(record, rebuilt);
  const before = record.items();
  const items =
    before &&
    changeItems(before.bytes, before.layout, {
      removed: {
        schemas: [...groups].flatMap((g) => [...record.group(g).schemas.keys()]),
        operations: [...groups].flatMap((g) => [...record.group(g).operations.keys()]),
      },
      added: {
        schemas: new Map([...entries.values()].flatMap((e) => [...e.schemas])),
        operations: part.items.operations,
      },
    });
  if (!items) return 'the record does not keep the text of the spec hash';
  const parts = new RecordParts();
  const { head } = record;
  const kept = head.groups
    .filter(([g]) => !groups.has(g))
    .map(([g, hash]) => [g, parts.reuse(hash)] as [string, string]);
  for (const [g, e] of entries)
    if (e.schemas.size || e.operations.size || e.homes.size) kept.push([g, parts.add(groupText(e))]);
  const lookups = lookupsAfter(record, entries, part.model, groups);
  return {
    record: parts.keep({
      ...head,
      inputs: Object.entries(rebuilt.inputs).map(([name, r]) => [name, r.sha256]),
      crdFiles: rebuilt.crdFiles,
      modules: { ...head.modules, ...Object.fromEntries(rebuilt.rendered.map((m) => [m.key, m.facts])) },
      spec: parts.reuse(head.spec),
      lookups: lookups ? parts.add(JSON.stringify(lookups)) : parts.reuse(head.lookups),
      items: parts.addItems(items),
      groups: kept,
    }),
    specHash: items.hash,
  };
}

/** Each rebuilt group's entries: the schemas now living in its modules, its operations, where its schemas live. */
function groupsAfter(record: RecordView, { part, rendered, groups }: RebuiltGroups): Map<string, GroupEntries> {
  const out = new Map<string, GroupEntries>();
  for (const g of groups) out.set(g, noEntries());
  const homeGroup = new Map<string, string>();
  for (const m of rendered)
    for (const [name, at] of m.homes) {
      out.get(moduleGroup(m.key))?.homes.set(name, at);
      homeGroup.set(name, moduleGroup(m.key));
    }
  // The part's schemas that live elsewhere are the whole build's (surroundings): its own are those living here now.
  const { homeGroup: before } = record.lookups();
  for (const [name, hash] of part.items.schemas) {
    const elsewhere = before.get(name);
    const group = homeGroup.get(name) ?? (elsewhere !== undefined && !groups.has(elsewhere) ? elsewhere : '');
    out.get(group)?.schemas.set(name, hash);
  }
  for (const [key, hash] of part.items.operations) out.get(operationGroup(key))?.operations.set(key, hash);
  return out;
}

/** The lookups with the rebuilt groups' entries as they are now; undefined when nothing in them changed. */
function lookupsAfter(
  record: RecordView,
  entries: Map<string, GroupEntries>,
  model: ApiModel,
  groups: Set<string>,
): Lookups | undefined {
  const before = record.lookups();
  const ids = operationIds(model);
  const homes = byGroupAfter(before.homes, groups, (g) => [...entries.get(g)!.homes.keys()].sort());
  const idsAfter = byGroupAfter(before.ids, groups, (g) => [...(ids[g] ?? [])].sort());
  const kinds = [...goKinds(model)];
  const replacements = withReplacements(before.replacements, groups, model, homes);
  // Only the groups' entries can differ; the others' are the same lists.
  const theirs = (byGroup: [string, string[]][]) => JSON.stringify(byGroup.filter(([g]) => groups.has(g)));
  const same =
    theirs(homes) === theirs(before.homes) &&
    theirs(idsAfter) === theirs(before.ids) &&
    JSON.stringify(kinds) === JSON.stringify(before.goKinds.filter(([, kind]) => groups.has(kindGroup(kind)))) &&
    JSON.stringify(replacements) === JSON.stringify(before.replacements);
  if (same) return undefined;
  return {
    homes,
    ids: idsAfter,
    goKinds: [...before.goKinds.filter(([, kind]) => !groups.has(kindGroup(kind))), ...kinds],
    replacements,
  };
}

/** Entries by group, those of `groups` as `now` gives them (left out when empty), in the order they were. */
function byGroupAfter(
  before: [string, string[]][],
  groups: Set<string>,
  now: (group: string) => string[],
): [string, string[]][] {
  const out = before.map(([g, list]): [string, string[]] => [g, groups.has(g) ? now(g) : list]);
  for (const g of groups) if (!before.some(([known]) => known === g)) out.push([g, now(g)]);
  return out.filter(([g, list]) => list.length || !groups.has(g));
}

/** The replacements with the groups' notes as the model has them now. */
function withReplacements(
  before: [string, string[]][],
  groups: Set<string>,
  model: ApiModel,
  homes: [string, string[]][],
): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const [replacement, owners] of before) {
    const kept = owners.filter((g) => !groups.has(g));
    if (kept.length) out.set(replacement, kept);
  }
  const homeGroup = new Map(homes.filter(([g]) => groups.has(g)).flatMap(([g, names]) => names.map((n) => [n, g])));
  const now = kindReplacements(model, (name) => homeGroup.get(name));
  for (const [replacement, owners] of Object.entries(now))
    out.set(replacement, [...new Set([...(out.get(replacement) ?? []), ...owners])]);
  return [...out];
}
