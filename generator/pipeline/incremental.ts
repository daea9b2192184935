// A build whose inputs differ from an earlier one's only in some CRD manifests: the API groups those manifests
// define, before and after, are built again from every manifest that defines a CRD of them, and every other file is
// the earlier build's. Taken only when it can be shown to give the bytes a whole build would give (the groups are
// the manifests' alone; the schemas they reference elsewhere are the same; their group-versions, client names and
// query types are as before); otherwise undefined, and the caller builds the whole.
import { buildModel, type SourceItems, sourceHash } from '../../core/model/build.js';
import { goKinds } from '../../core/model/deprecations.js';
import type { ApiModel } from '../../core/model/types.js';
import { type InputRecord, sha256 } from '../../core/source/inputs/hash.js';
import type { LoadedCrd } from '../../core/source/crd/manifests.js';
import { isDeepStrictEqual } from 'node:util';
import type { RenderedFile } from '../emit/js.js';
import type { ModuleFacts } from '../emit/facts.js';
import type { PartialOptions } from '../emit/partial.js';
import {
  type BuildRecord,
  byGroup,
  kindGroup,
  kindReplacements,
  moduleGroup,
  operationGroup,
  operationIds,
} from './build-record.js';
import { STAMP_FILE, type Stamp } from './stamp.js';

export interface IncrementalInput {
  record: BuildRecord;
  /** The earlier build's files, its stamp included. */
  files: RenderedFile[];
  /** This build's options key (BuildRecord.options) and stamp key. */
  options: string;
  key: string;
  inputs: Record<string, InputRecord>;
  render: PartialOptions;
  cache?: boolean;
  /** Told as each step ends (`--profile`): read, model, clients. */
  onStage?: (stage: string) => void;
}

export interface IncrementalBuild {
  files: RenderedFile[];
  record: BuildRecord;
  summary: string;
  /** The groups built again, sorted. */
  groups: string[];
  changedFiles: number;
}

/** The build, or why it cannot be taken (one line, for `--profile`). */
export async function buildIncrementally(input: IncrementalInput): Promise<IncrementalBuild | string> {
  const { record } = input;
  if (record.options !== input.options) return 'the options or kubegen changed';
  const changed = changedCrdFiles(record, input.inputs);
  if (typeof changed === 'string') return changed;
  const found = await readGroups(record, changed, input.cache === undefined ? {} : { cache: input.cache });
  if (typeof found === 'string') return found;
  const { groups, crds, read } = found;
  const onStage = input.onStage ?? (() => undefined);
  onStage('read');
  const part = await buildPart(crds, record);
  if (typeof part === 'string') return part;
  const different = surroundings(record, part, groups);
  if (different) return different;
  onStage('model');
  const rendered = await renderPart(part.model, record, groups, input.render);
  if (typeof rendered === 'string') return rendered;
  onStage('clients');
  return assemble(input, part, rendered, groups, changed, crdFilesAfter(record, changed, read));
}

/**
 * The groups the changed manifests define, before and after, and their CRDs as a whole build reads them: from every
 * manifest that defines one of them (or a CRD named as one of them), in order, later definitions replacing earlier.
 */
async function readGroups(
  record: BuildRecord,
  changed: string[],
  parse: { cache?: boolean },
): Promise<{ groups: Set<string>; crds: LoadedCrd[]; read: LoadedCrd[] } | string> {
  const { readCrdFiles, dedupeCrds } = await import('../../core/source/crd/manifests.js');
  let read: LoadedCrd[];
  try {
    read = await readCrdFiles(changed, parse);
  } catch {
    return 'a changed CRD manifest does not read';
  }
  const before = changed.flatMap((f) => record.crdFiles[f]!);
  const groups = new Set([...before.map(([, g]) => g), ...read.map(groupOf)]);
  if (record.specGroups.some((g) => groups.has(g))) return 'a spec document serves a group of the changed CRDs';
  const names = new Set([...before.map(([n]) => n), ...read.map(nameOf)]);
  const files = record.inputs
    .map(([name]) => name)
    .filter((f) => changed.includes(f) || record.crdFiles[f]?.some(([n, g]) => groups.has(g) || names.has(n)));
  try {
    const crds = [
      ...(await readCrdFiles(
        files.filter((f) => !changed.includes(f)),
        parse,
      )),
      ...read,
    ];
    crds.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
    // A CRD of another group named as one of these would replace it, or be replaced, in the whole build.
    const elsewhere = new Set(
      Object.entries(record.crdFiles)
        .filter(([f]) => !files.includes(f))
        .flatMap(([, list]) => list.map(([n]) => n)),
    );
    if (crds.some((c) => elsewhere.has(nameOf(c)))) return 'a CRD of another group has the same name';
    return { groups, crds: dedupeCrds(crds).filter((c) => groups.has(groupOf(c))), read };
  } catch {
    return 'the CRDs of the changed groups do not read';
  }
}

/** The CRD manifests whose hash changed, when nothing else did (the same files, in the same order); else why not. */
function changedCrdFiles(record: BuildRecord, inputs: Record<string, InputRecord>): string[] | string {
  const now = Object.entries(inputs);
  const moved = 'input files were added, removed or renamed';
  if (now.length !== record.inputs.length) return moved;
  const changed: string[] = [];
  for (let i = 0; i < now.length; i++) {
    const [name, { sha256 }] = now[i]!;
    const [before, hash] = record.inputs[i]!;
    if (name !== before) return moved;
    if (sha256 === hash) continue;
    if (!record.crdFiles[name]) return 'inputs other than CRD manifests changed';
    changed.push(name);
  }
  return changed.length ? changed : 'no input changed';
}

const groupOf = (c: LoadedCrd) => c.crd.spec.group;
const nameOf = (c: LoadedCrd) => c.crd.metadata.name;

interface Part {
  model: ApiModel;
  items: SourceItems;
}

/** The model of the groups' CRDs and the meta schemas they reference, as CRD documents are read in a whole build. */
async function buildPart(crds: LoadedCrd[], record: BuildRecord): Promise<Part | string> {
  if (crds.length === 0) return 'no CRD is left in the changed groups';
  const { crdDocuments } = await import('../../core/source/inputs/files.js');
  try {
    let items: SourceItems | undefined;
    const model = buildModel(await crdDocuments(crds, record.metaSchemas), undefined, (i) => {
      items = i;
    });
    return { model, items: items! };
  } catch (err) {
    return `the changed groups do not build (${(err as Error).message})`;
  }
}

/**
 * What differs, if anything, in what the groups reference outside themselves from the whole build, or what they
 * define that reaches outside them: schemas, operations, operationIds, and the kinds deprecation notes resolve.
 */
function surroundings(record: BuildRecord, part: Part, groups: Set<string>): string | undefined {
  const spec = new Set(record.specSchemas);
  const specPackages = new Set(record.specSchemas.map(packageOf));
  const homes = record.render.homes;
  // Key by key: listing the entries of an object of a thousand keys first costs several times as much.
  for (const name in homes) {
    const group = moduleGroup(homes[name]!.key);
    // A schema only CRDs brought into a shared module may leave it with them; a spec's schema in a group may move.
    if (group === '' && !spec.has(name)) return `${name} is shared, and only CRDs bring it`;
    if (groups.has(group) && spec.has(name)) return `${name} of a spec document lives in a changed group`;
  }
  for (const [name, hash] of part.items.schemas) {
    const at = homes[name];
    if (at && !groups.has(moduleGroup(at.key))) {
      if (!spec.has(name) || record.schemas[moduleGroup(at.key)]?.[name] !== hash)
        return `${name} differs from the spec's`;
    } else if (spec.has(name) || specPackages.has(packageOf(name))) return `${name} shares a package with the spec`;
  }
  for (const key of part.items.operations.keys())
    if (!groups.has(operationGroup(key))) return `${key.split('\0')[0]} is outside the changed groups`;
  const others = new Set(Object.entries(record.ids).flatMap(([g, ids]) => (groups.has(g) ? [] : ids)));
  for (const id of Object.values(operationIds(part.model)).flat())
    if (others.has(id)) return `operationId ${id} is used by another group too`;
  // A replacement the part left unresolved resolves in the whole build when another group has the kind.
  const known = (key: string) => record.goKinds[key] !== undefined && !groups.has(kindGroup(record.goKinds[key]));
  const own = kindReplacements(part.model, (name) => (ownSchema(record, name, groups) ? '' : undefined));
  if (Object.keys(own).some(known)) return 'a deprecation note of the changed groups names another kind';
  const before = Object.entries(record.goKinds).filter(([, kind]) => groups.has(kindGroup(kind)));
  const after = goKinds(part.model);
  for (const key of after.keys()) if (known(key)) return `${key} names a kind of another group too`;
  // Notes of other groups that a changed kind resolved, or would resolve now.
  const replaced = new Set(
    Object.entries(record.replacements)
      .filter(([, owners]) => owners.some((g) => !groups.has(g)))
      .map(([replacement]) => replacement),
  );
  const differ = [
    ...before.filter(([key, kind]) => after.get(key) !== kind),
    ...[...after].filter(([key, kind]) => record.goKinds[key] !== kind),
  ];
  return differ.some(([key, kind]) => replaced.has(key) || replaced.has(kind))
    ? 'a deprecation note elsewhere names a kind that changed'
    : undefined;
}

/** True when a schema of the part is the groups' own, not one that lives elsewhere in the whole build. */
function ownSchema(record: BuildRecord, name: string, groups: Set<string>): boolean {
  const at = record.render.homes[name];
  return !at || groups.has(moduleGroup(at.key));
}

function packageOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(0, i);
}

/** A group-version module rendered again: its file and text, and where its schemas live. */
interface RenderedPart {
  key: string;
  file: string;
  text: string;
  homes: BuildRecord['render']['homes'];
  facts: ModuleFacts;
}

/** The groups' modules, rendered as the whole render would; undefined where that cannot be shown. */
async function renderPart(
  model: ApiModel,
  record: BuildRecord,
  groups: Set<string>,
  options: PartialOptions,
): Promise<RenderedPart[] | string> {
  const [{ renderPartial }, { moduleFacts, namingOrder }] = await Promise.all([
    import('../emit/partial.js'),
    import('../emit/facts.js'),
  ]);
  const { render } = record;
  const fixed = new Set(
    Object.keys(model.schemas).filter((n) => render.homes[n] && !groups.has(moduleGroup(render.homes[n].key))),
  );
  let modules: ReturnType<typeof renderPartial>;
  try {
    modules = renderPartial(model, render, fixed, options);
  } catch (err) {
    return `the changed groups do not render alone (${(err as Error).message})`;
  }
  const before = Object.keys(render.modules).filter((key) => groups.has(moduleGroup(key)));
  if (before.length !== modules.length) return 'a group-version was removed';
  const shapes = new Map(render.queries.map(([shape], i) => [shape, i]));
  const after = new Map(Object.entries(render.modules));
  const out: RenderedPart[] = [];
  for (const m of modules) {
    const known = render.modules[m.mod.key];
    if (!known) return `${m.mod.key} is a new group-version`;
    if (!isDeepStrictEqual(known.index, m.index)) return `${m.mod.key}'s client is named otherwise`;
    const facts = moduleFacts(m, shapes)!;
    after.set(m.mod.key, facts);
    const homes: BuildRecord['render']['homes'] = {};
    for (const name of m.mod.schemas) homes[name] = { key: m.mod.key, file: m.mod.file, local: m.mod.local.get(name)! };
    out.push({ key: m.mod.key, file: m.mod.file, text: m.text, homes, facts });
  }
  if (namingOrder(after.values()) !== namingOrder(Object.values(render.modules)))
    return 'the query types support.ts names would change';
  return out;
}

/** Which CRDs each manifest defines, the changed ones read again. */
function crdFilesAfter(record: BuildRecord, changed: string[], read: LoadedCrd[]): BuildRecord['crdFiles'] {
  const out = { ...record.crdFiles };
  for (const f of changed) out[f] = read.filter((c) => c.file === f).map((c) => [nameOf(c), groupOf(c)]);
  return out;
}

function assemble(
  input: IncrementalInput,
  part: Part,
  rendered: RenderedPart[],
  groups: Set<string>,
  changed: string[],
  crdFiles: BuildRecord['crdFiles'],
): IncrementalBuild | string {
  const record = recordAfter(input, part, rendered, groups, crdFiles);
  const texts = new Map(rendered.map((m) => [m.file, m.text]));
  const stampText = input.files.find((f) => f.path === STAMP_FILE)?.content;
  if (!stampText) return 'the previous build has no stamp';
  const hashes = { ...(JSON.parse(stampText) as Stamp).files };
  for (const [path, text] of texts) {
    if (!(path in hashes)) return `${path} is new`;
    hashes[path] = sha256(text);
  }
  const specHash = sourceHash({ schemas: flat(record.schemas), operations: flat(record.operations) });
  const stamp = { key: input.key, files: hashes, specHash };
  const files = input.files.map((f) => {
    if (f.path === STAMP_FILE) return { path: f.path, content: `${JSON.stringify(stamp, null, 2)}\n` };
    return texts.has(f.path) ? { path: f.path, content: texts.get(f.path)! } : f;
  });
  const count = new Set(Object.values(crdFiles).flatMap((list) => list.map(([n]) => n))).size;
  return {
    files,
    record,
    summary: `read ${record.specDocuments} spec document(s) and ${count} CRD(s)`,
    groups: [...groups].sort(),
    changedFiles: changed.length,
  };
}

/** The record of the new build: the earlier one with the groups' entries as the part has them. */
function recordAfter(
  input: IncrementalInput,
  part: Part,
  rendered: RenderedPart[],
  groups: Set<string>,
  crdFiles: BuildRecord['crdFiles'],
): BuildRecord {
  const { record } = input;
  const mine = (group: string) => groups.has(group);
  const others = <T>(byGroup: Record<string, T>) =>
    Object.fromEntries(Object.entries(byGroup).filter(([g]) => !mine(g)));
  const homes = withoutKeys(record.render.homes, (at) => mine(moduleGroup(at.key)));
  for (const m of rendered) Object.assign(homes, m.homes);
  // The part's shared schemas are the whole build's (surroundings): its own are those now homed in its groups.
  const own = new Map([...part.items.schemas].filter(([name]) => mine(moduleGroup(homes[name]?.key ?? ''))));
  return {
    ...record,
    inputs: Object.entries(input.inputs).map(([name, r]) => [name, r.sha256]),
    crdFiles,
    schemas: { ...others(record.schemas), ...byGroup(own, (n) => moduleGroup(homes[n]!.key)) },
    operations: { ...others(record.operations), ...byGroup(part.items.operations, operationGroup) },
    ids: { ...others(record.ids), ...operationIds(part.model) },
    replacements: withReplacements(record.replacements, groups, part.model, homes),
    goKinds: Object.assign(
      withoutKeys(record.goKinds, (kind) => mine(kindGroup(kind))),
      Object.fromEntries(goKinds(part.model)),
    ),
    render: {
      ...record.render,
      homes,
      modules: { ...record.render.modules, ...Object.fromEntries(rendered.map((m) => [m.key, m.facts])) },
    },
  };
}

/**
 * A copy of `byKey` without the entries whose value `drop` picks, in the same order. Built key by key: copying an
 * object of a thousand keys and deleting from it, or listing its entries first, costs several times as much.
 */
function withoutKeys<T>(byKey: Record<string, T>, drop: (value: T) => boolean): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key in byKey) {
    const value = byKey[key]!;
    if (drop(value)) continue;
    // A key named `__proto__` (a spec may name a schema so) must stay a property of its own.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

function flat(byGroup: Record<string, Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  // Key by key: listing the entries of thousands of items first costs several times as much.
  for (const group in byGroup) {
    const items = byGroup[group]!;
    for (const key in items) out.set(key, items[key]!);
  }
  return out;
}

/** The record's replacements with the groups' notes as the part has them now. */
function withReplacements(
  before: BuildRecord['replacements'],
  groups: Set<string>,
  model: ApiModel,
  homes: BuildRecord['render']['homes'],
): BuildRecord['replacements'] {
  const out: BuildRecord['replacements'] = {};
  for (const [replacement, owners] of Object.entries(before)) {
    const kept = owners.filter((g) => !groups.has(g));
    if (kept.length) out[replacement] = kept;
  }
  const now = kindReplacements(model, (name) => {
    const group = moduleGroup(homes[name]?.key ?? '');
    return groups.has(group) ? group : undefined;
  });
  for (const [replacement, owners] of Object.entries(now))
    out[replacement] = [...new Set([...(out[replacement] ?? []), ...owners])];
  return out;
}
