// One object of a manifest checked as kube-apiserver would check it on create with fieldValidation=Strict: the
// validator's field errors, then the fields written twice, each placed at its line and column.
import {
  type FieldError,
  fieldError,
  isStrictDecodingError,
  loadRules,
  parseApiVersion,
  rulesLoaded,
  type Validator,
} from '@kubegen/validation/core';
import { isObject } from '../../core/spec/values.js';
import type { ManifestObject, ManifestProblem, Position } from './manifest.js';

export interface ReportedError extends Position {
  /** A Status cause's reason (`FieldValueInvalid`…), or why the object could not be checked (see docs/validate.md). */
  reason: string;
  /** The field path as kube-apiserver prints it; empty for the object as a whole. */
  field: string;
  message: string;
}

export interface ObjectReport extends Position {
  file: string;
  document: number;
  item?: number;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  errors: ReportedError[];
}

export async function checkObject(validator: Validator, file: string, read: ManifestObject): Promise<ObjectReport> {
  let object = read;
  const report = describe(file, object);
  const problem = (reason: string, message: string) => [{ reason, field: '', message, ...object.position }];
  const value = object.value;
  if (!isObject(value)) return { ...report, errors: problem('NotAnObject', 'the document is not an object') };
  if (!report.kind || !report.apiVersion)
    return { ...report, errors: problem('MissingKind', `Object '${report.kind ? 'apiVersion' : 'Kind'}' is missing`) };
  const entry = validator.entry(report.apiVersion, report.kind);
  if (!entry) {
    const message = `no matches for kind ${JSON.stringify(report.kind)} in version ${JSON.stringify(report.apiVersion)}`;
    return { ...report, errors: problem('UnknownKind', message) };
  }
  const result = validator.validate(entry.namespaced === false ? clusterScoped(value) : value);
  // Only an object with errors needs the syntax tree that places them.
  if (result.errors.length && object.withTree) object = (await object.withTree()) ?? object;
  const errors = result.errors.map((e) => placed(e, object));
  for (const d of object.duplicates()) errors.push({ ...fieldError.duplicateField(d.field), ...d.position });
  return { ...report, errors };
}

/** Loads the CEL engine before the first object of a kind with rules: runs without rules never load it. */
export async function prepareRules(validator: Validator, value: unknown): Promise<void> {
  if (rulesLoaded() || !isObject(value)) return;
  const { apiVersion, kind } = value;
  if (typeof apiVersion === 'string' && typeof kind === 'string' && validator.hasRules(apiVersion, kind))
    await loadRules();
}

/** A document that could not be read, reported as an object that is not valid. */
export function problemReport(file: string, problem: ManifestProblem): ObjectReport {
  const { document, message, position } = problem;
  return { file, document, ...position, errors: [{ reason: 'SyntaxError', field: '', message, ...position }] };
}

function describe(file: string, object: ManifestObject): ObjectReport {
  const v = isObject(object.value) ? object.value : {};
  const meta = isObject(v.metadata) ? v.metadata : {};
  const text = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
  const name = text(meta.name) ?? text(meta.generateName);
  const fields = {
    apiVersion: text(v.apiVersion),
    kind: text(v.kind),
    namespace: text(meta.namespace),
    name,
  };
  const known = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
  return {
    file,
    document: object.document,
    ...(object.item !== undefined ? { item: object.item } : {}),
    ...object.position,
    ...known,
    errors: [],
  };
}

/** kube-apiserver clears the namespace of a cluster-scoped object rather than refusing it. */
function clusterScoped(value: Record<string, unknown>): Record<string, unknown> {
  const meta = value.metadata;
  if (!isObject(meta) || meta.namespace === undefined) return value;
  const { namespace: _ignored, ...rest } = meta;
  return { ...value, metadata: rest };
}

function placed(e: FieldError, object: ManifestObject): ReportedError {
  return { reason: e.reason, field: e.field, message: e.message, ...object.locate(e.field, isStrictDecodingError(e)) };
}

/** `Deployment.apps "web"`, as kube-apiserver names an object in its messages. */
export function objectName(r: ObjectReport): string {
  if (!r.kind) return '';
  const group = r.apiVersion ? parseApiVersion(r.apiVersion).group : '';
  return `${r.kind}${group ? `.${group}` : ''} ${JSON.stringify(r.name ?? '')}`;
}
