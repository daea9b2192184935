// ObjectMeta rules kube-apiserver applies to every object (apimachinery's ValidateObjectMeta): the name per
// kind convention, generateName, namespace, label and annotation keys and values, with its exact wording.
import { type FieldError, fieldError } from './errors.js';
import { child, key } from './path.js';

export type NameRule = 'dns-subdomain' | 'dns-label' | 'dns1035-label' | 'path-segment';

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const label1123 = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const subdomain1123 = `${label1123}(\\.${label1123})*`;
const label1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedName = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValue = `(${qualifiedName})?`;
const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const re = {
  label1123: anchored(label1123),
  subdomain1123: anchored(subdomain1123),
  label1035: anchored(label1035),
  qualifiedName: anchored(qualifiedName),
  labelValue: anchored(labelValue),
};

const maxLenError = (n: number) => `must be no more than ${n} characters`;

export function dns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!re.label1123.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        label1123,
        'my-name',
        '123-abc',
      ),
    );
  }
  return errs;
}

export function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!re.subdomain1123.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        subdomain1123,
        'example.com',
      ),
    );
  }
  return errs;
}

export function dns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!re.label1035.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        label1035,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

export function pathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  for (const bad of ['/', '%']) if (value.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualifiedName, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!re.qualifiedName.test(name)) {
    errs.push(
      `name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualifiedName, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!re.labelValue.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValue,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

const nameCheckers: Record<NameRule, (v: string) => string[]> = {
  'dns-subdomain': dns1123Subdomain,
  'dns-label': dns1123Label,
  'dns1035-label': dns1035Label,
  'path-segment': pathSegmentName,
};

/** The name rule of built-in kinds that do not use a DNS subdomain (kube-apiserver's per-kind validation). */
const builtinNameRules: Record<string, NameRule> = {
  '/Namespace': 'dns-label',
  '/Service': 'dns1035-label',
  'rbac.authorization.k8s.io/Role': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRole': 'path-segment',
  'rbac.authorization.k8s.io/RoleBinding': 'path-segment',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'path-segment',
  'certificates.k8s.io/CertificateSigningRequest': 'path-segment',
};

export function nameRuleFor(group: string, kind: string): NameRule {
  return builtinNameRules[`${group}/${kind}`] ?? 'dns-subdomain';
}

const totalAnnotationSizeLimit = 256 * 1024;

export interface MetadataOptions {
  nameRule: NameRule;
  /** Whether the kind is namespaced; undefined when unknown. */
  namespaced?: boolean;
}

/** Field errors of `metadata` (at `path`) as ValidateObjectMeta reports them. */
export function validateObjectMeta(meta: Record<string, unknown>, path: string, opts: MetadataOptions): FieldError[] {
  const errs: FieldError[] = [];
  checkObjectMeta(meta, path, opts, errs);
  return errs;
}

/** validateObjectMeta appending to `errs`: each value is first tested as valid, its messages built only when not. */
export function checkObjectMeta(
  meta: Record<string, unknown>,
  path: string,
  opts: MetadataOptions,
  errs: FieldError[],
): void {
  const name = meta.name;
  const generateName = meta.generateName;
  const check = nameCheckers[opts.nameRule];
  const valid = validNames[opts.nameRule];
  if (typeof generateName === 'string' && generateName) {
    const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    if (!valid(masked))
      for (const m of check(masked)) errs.push(fieldError.invalid(child(path, 'generateName'), generateName, m));
  }
  if (typeof name === 'string' && name) {
    if (!valid(name)) for (const m of check(name)) errs.push(fieldError.invalid(child(path, 'name'), name, m));
  } else if (!(typeof generateName === 'string' && generateName)) {
    errs.push(fieldError.required(child(path, 'name'), 'name or generateName is required'));
  }
  const namespace = meta.namespace;
  if (typeof namespace === 'string' && namespace) {
    if (opts.namespaced === false)
      errs.push(fieldError.forbidden(child(path, 'namespace'), 'not allowed on this type'));
    else if (!validNames['dns-label'](namespace))
      for (const m of dns1123Label(namespace)) errs.push(fieldError.invalid(child(path, 'namespace'), namespace, m));
  }
  if (meta.labels && typeof meta.labels === 'object') checkLabels(meta.labels as Record<string, unknown>, path, errs);
  if (meta.annotations && typeof meta.annotations === 'object')
    checkAnnotations(meta.annotations as Record<string, unknown>, path, errs);
}

export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!labels || typeof labels !== 'object') return [];
  const errs: FieldError[] = [];
  checkLabelsAt(labels as Record<string, unknown>, path, errs);
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!annotations || typeof annotations !== 'object') return [];
  const errs: FieldError[] = [];
  checkAnnotationsAt(annotations as Record<string, unknown>, path, errs);
  return errs;
}

/** The labels of the metadata at `meta`; their path is built only for an error. */
function checkLabels(labels: Record<string, unknown>, meta: string, errs: FieldError[]): void {
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (!isQualifiedName(k) || (typeof v === 'string' && !isLabelValue(v))) {
      checkLabelsAt(labels, child(meta, 'labels'), errs);
      return;
    }
  }
}

function checkLabelsAt(labels: Record<string, unknown>, path: string, errs: FieldError[]): void {
  for (const [k, v] of Object.entries(labels)) {
    for (const m of qualifiedNameErrors(k)) errs.push(fieldError.invalid(path, k, m));
    if (typeof v === 'string') for (const m of labelValueErrors(v)) errs.push(fieldError.invalid(key(path, k), v, m));
  }
}

function checkAnnotations(annotations: Record<string, unknown>, meta: string, errs: FieldError[]): void {
  // Bytes are counted only when the UTF-16 length says the total could pass the limit (a unit is at most 3 bytes).
  let units = 0;
  let keysValid = true;
  for (const k of Object.keys(annotations)) {
    const v = annotations[k];
    keysValid &&= isQualifiedName(k.toLowerCase());
    units += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (!keysValid || units * 3 > totalAnnotationSizeLimit)
    checkAnnotationsAt(annotations, child(meta, 'annotations'), errs);
}

function checkAnnotationsAt(annotations: Record<string, unknown>, path: string, errs: FieldError[]): void {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of qualifiedNameErrors(k.toLowerCase())) errs.push(fieldError.invalid(path, k, m));
    total += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (total > totalAnnotationSizeLimit) errs.push(fieldError.tooLong(path, totalAnnotationSizeLimit));
}

/** Whether each rule's checker would return no message (what the metadata of nearly every object is). */
const validNames: Record<NameRule, (v: string) => boolean> = {
  'dns-subdomain': (v) => v.length <= 253 && re.subdomain1123.test(v),
  'dns-label': (v) => v.length <= 63 && re.label1123.test(v),
  'dns1035-label': (v) => v.length <= 63 && re.label1035.test(v),
  'path-segment': (v) => pathSegmentName(v).length === 0,
};

/** qualifiedNameErrors(value) is empty. */
function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return value.length <= 63 && re.qualifiedName.test(value);
  const name = value.slice(slash + 1);
  return (
    slash > 0 &&
    slash <= 253 &&
    re.subdomain1123.test(value.slice(0, slash)) &&
    !name.includes('/') &&
    name.length <= 63 &&
    re.qualifiedName.test(name)
  );
}

/** labelValueErrors(value) is empty. */
function isLabelValue(value: string): boolean {
  return value.length <= 63 && re.labelValue.test(value);
}
