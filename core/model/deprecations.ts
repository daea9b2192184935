// Deprecation notes on the model being built: named schemas and their fields, kinds (so their resources), whole
// group-versions, and operations (noted where they are built). A replacement written as Go's package-qualified name
// (`discoveryv1.EndpointSlice`) is resolved to the kind it names (`discovery.k8s.io/v1 EndpointSlice`).
import { deprecationIn, noteOf } from './deprecation-text.js';
import type { ApiModel, Deprecation, GroupVersion, NamedSchema, Schema } from './types.js';
import { isObject } from '../spec/values.js';

const MAX_DEPTH = 64;

/** Notes every deprecation the model's sources state; the model is the builder's own, so it is noted in place. */
export function noteDeprecations(model: ApiModel): void {
  for (const named of Object.values(model.schemas)) noteSchema(named);
  for (const group of model.groups) for (const gv of group.versions) noteGroupVersion(model, gv);
  const kinds = goKinds(model);
  const resolve = (note: Deprecation | undefined) => {
    const kind = note?.replacement && kinds.get(note.replacement);
    if (kind) note!.replacement = kind;
  };
  for (const named of Object.values(model.schemas)) {
    resolve(named.deprecated);
    for (const note of Object.values(named.deprecatedFields ?? {})) resolve(note);
  }
  for (const op of model.operations) resolve(op.deprecated);
}

function noteSchema(named: NamedSchema): void {
  const own = crdVersionNote(named.schema) ?? deprecationIn(named.schema.description, named.schema.deprecated === true);
  if (own) named.deprecated = own;
  const fields: Record<string, Deprecation> = {};
  walkFields(named.schema, '', fields, 0);
  if (Object.keys(fields).length) named.deprecatedFields = fields;
}

/** What a CRD version says of itself (`x-kubegen-crd`, noted by the CRD reader): its `deprecationWarning`. */
function crdVersionNote(schema: Schema): Deprecation | undefined {
  const info = schema['x-kubegen-crd'];
  if (!isObject(info) || info.deprecated !== true) return undefined;
  return typeof info.deprecationWarning === 'string' ? noteOf(info.deprecationWarning) : {};
}

/** Field paths as `kubegen diff` writes them: `spec.ports[].name`, `labels{}`, `spec.template`. */
function walkFields(schema: Schema, path: string, out: Record<string, Deprecation>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const properties = schema.properties ?? {};
  for (const name in properties) {
    const child = properties[name]!;
    const at = path ? `${path}.${name}` : name;
    const note = deprecationIn(child.description, child.deprecated === true);
    if (note) out[at] = note;
    walkFields(child, at, out, depth + 1);
  }
  if (isObject(schema.items)) walkFields(schema.items, `${path}[]`, out, depth + 1);
  if (isObject(schema.additionalProperties)) walkFields(schema.additionalProperties, `${path}{}`, out, depth + 1);
}

/** A resource is deprecated with its kind; a group-version when every resource it serves is. */
function noteGroupVersion(model: ApiModel, gv: GroupVersion): void {
  for (const r of gv.resources) {
    const note = r.schema ? model.schemas[r.schema]?.deprecated : undefined;
    if (note) r.deprecated = note;
  }
  const notes = gv.resources.map((r) => r.deprecated);
  if (!notes.length || notes.some((n) => n === undefined)) return;
  const messages = new Set(notes.map((n) => n!.message));
  gv.deprecated =
    notes.length === 1 || messages.size === 1
      ? notes[0]!
      : { message: `every resource of ${gv.apiVersion} is deprecated` };
}

/** Go's names of the model's kinds (`discoveryv1.EndpointSlice`, `corev1.Pod`) → `discovery.k8s.io/v1 EndpointSlice`. */
export function goKinds(model: ApiModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of model.groups) {
    const pkg = (group.apiGroup || 'core').split('.')[0]!.replace(/-/g, '');
    for (const gv of group.versions)
      for (const r of gv.resources) out.set(`${pkg}${gv.version}.${r.kind}`, `${gv.apiVersion} ${r.kind}`);
  }
  return out;
}
