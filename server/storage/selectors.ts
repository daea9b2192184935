// Label selectors (equality and set-based) and field selectors, parsed and matched as kube-apiserver does.
import { badRequest } from '../http/status.js';
import type { KubeObject } from './store.js';

type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type Matcher = (obj: KubeObject) => boolean;

/** Parses `app=web,tier!=db,env in (a,b),!legacy,team`. */
export function parseLabelSelector(selector: string): Matcher {
  const requirements = splitTopLevel(selector).map(parseRequirement);
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return requirements.every((r) => matches(r, labels));
  };
}

/** Whether an object's labels satisfy a LabelSelector object (`matchLabels` and `matchExpressions`); `{}` selects all. */
export function labelSelectorMatches(selector: unknown, obj: KubeObject): boolean {
  const s = (selector ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const labels = obj.metadata?.labels ?? {};
  const ops: Record<string, Requirement['op']> = {
    In: 'in',
    NotIn: 'notin',
    Exists: 'exists',
    DoesNotExist: 'notexists',
  };
  const requirements: Requirement[] = Object.entries(s.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: '=',
    value,
  }));
  for (const e of s.matchExpressions ?? []) {
    const op = ops[e.operator];
    if (op === undefined) return false;
    requirements.push(
      op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : ({ key: e.key, op } as Requirement),
    );
  }
  return requirements.every((r) => matches(r, labels));
}

function parseRequirement(text: string): Requirement {
  const s = text.trim();
  const fail = () => badRequest(`unable to parse requirement: ${describeBad(s)}`);
  let m: RegExpExecArray | null;
  if ((m = /^!\s*([A-Za-z0-9._/-]+)$/.exec(s))) return { key: validKey(m[1]!, s), op: 'notexists' };
  if ((m = /^([A-Za-z0-9._/-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(s))) {
    const values = m[3]!.split(',').map((v) => v.trim());
    if (m[2] === 'in' && values.length === 1 && values[0] === '') throw fail();
    return { key: validKey(m[1]!, s), op: m[2] as 'in' | 'notin', values: values.map((v) => validValue(v, s)) };
  }
  if ((m = /^([A-Za-z0-9._/-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)$/.exec(s))) {
    return { key: validKey(m[1]!, s), op: m[2] === '!=' ? '!=' : '=', value: validValue(m[3]!, s) };
  }
  if ((m = /^([A-Za-z0-9._/-]+)\s*(>|<)\s*(-?\d+)$/.exec(s)))
    return { key: validKey(m[1]!, s), op: m[2] === '>' ? 'gt' : 'lt', value: Number(m[3]) };
  if ((m = /^([A-Za-z0-9._/-]+)$/.exec(s))) return { key: validKey(m[1]!, s), op: 'exists' };
  throw fail();
}

function describeBad(s: string): string {
  return s === ''
    ? "found '', expected: !, identifier, or 'end of string'"
    : `found '${s}', expected: !, identifier, or 'end of string'`;
}

function validKey(k: string, whole: string): string {
  const parts = k.split('/');
  const name = parts[parts.length - 1]!;
  if (parts.length > 2 || !/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name) || name.length > 63) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (in "${whole}")`,
    );
  }
  return k;
}

function validValue(v: string, whole: string): string {
  if (v !== '' && (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v) || v.length > 63)) {
    throw badRequest(
      `unable to parse requirement: invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.' (in "${whole}")`,
    );
  }
  return v;
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case '=':
      return has && value === r.value;
    case '!=':
      return !has || value !== r.value;
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'gt':
      return has && /^-?\d+$/.test(value!) && Number(value) > r.value;
    case 'lt':
      return has && /^-?\d+$/.test(value!) && Number(value) < r.value;
  }
}

/** Splits on commas outside parentheses. */
function splitTopLevel(s: string): string[] {
  if (s.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** Fields every resource supports in field selectors; some kinds add their own (status.phase, spec.nodeName…). */
const extraFields: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** Parses `metadata.name=web,metadata.namespace!=kube-system`; unknown fields are a 400 as on the real server. */
export function parseFieldSelector(selector: string, kind: string, plural: string): Matcher {
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(extraFields[kind] ?? [])]);
  const terms = splitTopLevel(selector).map((t) => {
    const m = /^\s*([A-Za-z0-9._]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(t);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${t}'`);
    if (!allowed.has(m[1]!)) throw badRequest(`field label not supported: ${m[1]}`, { kind: plural });
    return { path: m[1]!, equal: m[2] !== '!=', value: m[3]! };
  });
  return (obj) => terms.every((t) => (fieldValue(obj, t.path) === t.value) === t.equal);
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}
