// A build whose inputs differ from an earlier one's only in some CRD manifests: the API groups those manifests
// define, before and after, are built again from every manifest that defines a CRD of them, and every other file is
// the earlier build's. Taken only when it can be shown to give the bytes a whole build would give (the groups are
// the manifests' alone; the schemas they reference elsewhere are the same; their group-versions, client names and
// query types are as before); otherwise undefined, and the caller builds the whole.
import { buildModel, type SourceItems } from '../../core/model/build.js';
import { goKinds } from '../../core/model/deprecations.js';
import type { ApiModel, Schema } from '../../core/model/types.js';
import { type InputRecord, sha256 } from '../../core/source/inputs/hash.js';
import type { LoadedCrd } from '../../core/source/crd/manifests.js';
import { isDeepStrictEqual } from 'node:util';
import type { RenderedFile } from '../emit/js.js';
import type { RenderFacts } from '../emit/facts.js';
import type { PartialOptions } from '../emit/partial.js';
import type { FixedHome } from '../emit/plan.js';
import type { RecordToKeep } from './build-cache.js';
import { kindGroup, kindReplacements, moduleGroup, operationGroup, operationIds } from './build-record.js';
import { type Part, type RenderedPart, recordAfter } from './record-update.js';
import { DamagedRecord, type RecordHead, type RecordView } from './record-store.js';
import { STAMP_FILE, type Stamp } from './stamp.js';

export interface IncrementalInput {
  record: RecordView;
  /** The earlier build's files, its stamp included. */
  files: RenderedFile[];
  /** This build's options key (RecordHead.options) and stamp key. */
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
  record: RecordToKeep;
  /** Each file but the stamp → its sha256, as the stamp names them. */
  hashes: Record<string, string>;
  summary: string;
  /** The groups built again, sorted. */
  groups: string[];
  changedFiles: number;
}

/** The build, or why it cannot be taken (one line, for `--profile`). */
export async function buildIncrementally(input: IncrementalInput): Promise<IncrementalBuild | string> {
  try {
    return await rebuild(input);
  } catch (err) {
    if (err instanceof DamagedRecord) return err.message;
    throw err;
  }
}

async function rebuild(input: IncrementalInput): Promise<IncrementalBuild | string> {
  const { record } = input;
  if (record.head.options !== input.options) return 'the options or kubegen changed';
  const changed = changedCrdFiles(record.head, input.inputs);
  if (typeof changed === 'string') return changed;
  const parse = input.cache === undefined ? {} : { cache: input.cache };
  const found = await readGroups(record.head, record.spec().specGroups, changed, parse);
  if (typeof found === 'string') return found;
  const { groups, crds, read } = found;
  const onStage = input.onStage ?? (() => undefined);
  onStage('read');
  const part = await buildPart(crds, record.spec().metaSchemas);
  if (typeof part === 'string') return part;
  const different = surroundings(record, part, groups);
  if (different) return different;
  onStage('model');
  const rendered = await renderPart(part.model, record, groups, input.render);
  if (typeof rendered === 'string') return rendered;
  onStage('clients');
  return assemble(input, part, rendered, groups, changed, crdFilesAfter(record.head, changed, read));
}

/**
 * The groups the changed manifests define, before and after, and their CRDs as a whole build reads them: from every
 * manifest that defines one of them (or a CRD named as one of them), in order, later definitions replacing earlier.
 */
async function readGroups(
  record: RecordHead,
  specGroups: string[],
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
  if (specGroups.some((g) => groups.has(g))) return 'a spec document serves a group of the changed CRDs';
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
function changedCrdFiles(record: RecordHead, inputs: Record<string, InputRecord>): string[] | string {
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

/** The model of the groups' CRDs and the meta schemas they reference, as CRD documents are read in a whole build. */
async function buildPart(crds: LoadedCrd[], metaSchemas: Record<string, Schema> | undefined): Promise<Part | string> {
  if (crds.length === 0) return 'no CRD is left in the changed groups';
  const { crdDocuments } = await import('../../core/source/inputs/files.js');
  try {
    let items: SourceItems | undefined;
    const model = buildModel(await crdDocuments(crds, metaSchemas), undefined, (i) => {
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
function surroundings(record: RecordView, part: Part, groups: Set<string>): string | undefined {
  const { specSchemas } = record.spec();
  const spec = new Set(specSchemas);
  const specPackages = new Set(specSchemas.map(packageOf));
  const lookups = record.lookups();
  for (const [group, names] of lookups.homes) {
    // A schema only CRDs brought into a shared module may leave it with them; a spec's schema in a group may move.
    if (group === '') for (const name of names) if (!spec.has(name)) return `${name} is shared, and only CRDs bring it`;
    if (groups.has(group))
      for (const name of names) if (spec.has(name)) return `${name} of a spec document lives in a changed group`;
  }
  for (const [name, hash] of part.items.schemas) {
    const group = lookups.homeGroup.get(name);
    if (group !== undefined && !groups.has(group)) {
      if (!spec.has(name) || record.group(group).schemas.get(name) !== hash) return `${name} differs from the spec's`;
    } else if (spec.has(name) || specPackages.has(packageOf(name))) return `${name} shares a package with the spec`;
  }
  for (const key of part.items.operations.keys())
    if (!groups.has(operationGroup(key))) return `${key.split('\0')[0]} is outside the changed groups`;
  const others = new Set(lookups.ids.flatMap(([g, ids]) => (groups.has(g) ? [] : ids)));
  for (const id of Object.values(operationIds(part.model)).flat())
    if (others.has(id)) return `operationId ${id} is used by another group too`;
  // A replacement the part left unresolved resolves in the whole build when another group has the kind.
  const { goKind } = lookups;
  const known = (key: string) => goKind.has(key) && !groups.has(kindGroup(goKind.get(key)!));
  const own = kindReplacements(part.model, (name) => (ownSchema(record, name, groups) ? '' : undefined));
  if (Object.keys(own).some(known)) return 'a deprecation note of the changed groups names another kind';
  const before = lookups.goKinds.filter(([, kind]) => groups.has(kindGroup(kind)));
  const after = goKinds(part.model);
  for (const key of after.keys()) if (known(key)) return `${key} names a kind of another group too`;
  // Notes of other groups that a changed kind resolved, or would resolve now.
  const replaced = new Set(
    lookups.replacements.filter(([, owners]) => owners.some((g) => !groups.has(g))).map(([replacement]) => replacement),
  );
  const differ = [
    ...before.filter(([key, kind]) => after.get(key) !== kind),
    ...[...after].filter(([key, kind]) => goKind.get(key) !== kind),
  ];
  return differ.some(([key, kind]) => replaced.has(key) || replaced.has(kind))
    ? 'a deprecation note elsewhere names a kind that changed'
    : undefined;
}

/** True when a schema of the part is the groups' own, not one that lives elsewhere in the whole build. */
function ownSchema(record: RecordView, name: string, groups: Set<string>): boolean {
  const group = record.lookups().homeGroup.get(name);
  return group === undefined || groups.has(group);
}

function packageOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(0, i);
}

/** The groups' modules, rendered as the whole render would; undefined where that cannot be shown. */
async function renderPart(
  model: ApiModel,
  record: RecordView,
  groups: Set<string>,
  options: PartialOptions,
): Promise<RenderedPart[] | string> {
  const [{ renderPartial }, { moduleFacts, namingOrder }] = await Promise.all([
    import('../emit/partial.js'),
    import('../emit/facts.js'),
  ]);
  const { modules, queries } = record.head;
  // Where the schemas of the model that live in other groups' modules live: all the render needs of the others.
  const { homeGroup } = record.lookups();
  const fixed = new Map<string, FixedHome>();
  for (const name of Object.keys(model.schemas)) {
    const group = homeGroup.get(name);
    if (group !== undefined && !groups.has(group)) fixed.set(name, record.group(group).homes.get(name)!);
  }
  const render: RenderFacts = { homes: Object.fromEntries(fixed), modules, queries };
  let rendered: ReturnType<typeof renderPartial>;
  try {
    rendered = renderPartial(model, render, new Set(fixed.keys()), options);
  } catch (err) {
    return `the changed groups do not render alone (${(err as Error).message})`;
  }
  const before = Object.keys(modules).filter((key) => groups.has(moduleGroup(key)));
  if (before.length !== rendered.length) return 'a group-version was removed';
  const shapes = new Map(queries.map(([shape], i) => [shape, i]));
  const after = new Map(Object.entries(modules));
  const out: RenderedPart[] = [];
  for (const m of rendered) {
    const known = modules[m.mod.key];
    if (!known) return `${m.mod.key} is a new group-version`;
    if (!isDeepStrictEqual(known.index, m.index)) return `${m.mod.key}'s client is named otherwise`;
    const facts = moduleFacts(m, shapes)!;
    after.set(m.mod.key, facts);
    const homes = new Map<string, FixedHome>();
    for (const name of m.mod.schemas)
      homes.set(name, { key: m.mod.key, file: m.mod.file, local: m.mod.local.get(name)! });
    out.push({ key: m.mod.key, file: m.mod.file, text: m.text, homes, facts });
  }
  if (namingOrder(after.values()) !== namingOrder(Object.values(modules)))
    return 'the query types support.ts names would change';
  return out;
}

/** Which CRDs each manifest defines, the changed ones read again. */
function crdFilesAfter(record: RecordHead, changed: string[], read: LoadedCrd[]): RecordHead['crdFiles'] {
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
  crdFiles: RecordHead['crdFiles'],
): IncrementalBuild | string {
  const after = recordAfter(input.record, { inputs: input.inputs, part, rendered, groups, crdFiles });
  if (typeof after === 'string') return after;
  const texts = new Map(rendered.map((m) => [m.file, m.text]));
  const stampText = input.files.find((f) => f.path === STAMP_FILE)?.content;
  if (!stampText) return 'the previous build has no stamp';
  const hashes = { ...(JSON.parse(stampText) as Stamp).files };
  for (const [path, text] of texts) {
    if (!(path in hashes)) return `${path} is new`;
    hashes[path] = sha256(text);
  }
  const stamp = { key: input.key, files: hashes, specHash: after.specHash };
  const files = input.files.map((f) => {
    if (f.path === STAMP_FILE) return { path: f.path, content: `${JSON.stringify(stamp, null, 2)}\n` };
    return texts.has(f.path) ? { path: f.path, content: texts.get(f.path)! } : f;
  });
  const count = new Set(Object.values(crdFiles).flatMap((list) => list.map(([n]) => n))).size;
  return {
    files,
    record: after.record,
    hashes,
    summary: `read ${input.record.spec().specDocuments} spec document(s) and ${count} CRD(s)`,
    groups: [...groups].sort(),
    changedFiles: changed.length,
  };
}
