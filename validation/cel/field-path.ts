// `fieldPath` of a rule (`.spec.x`, `.map['key']`) checked against the schema and turned into the
// field path kube-apiserver reports the error at.
import { child, key } from '../path.js';
import type { SchemaNode } from '../schema/node.js';

export function normalizeFieldPath(jsonPath: string, node: SchemaNode): { path: string } | { error: string } {
  const tokens = jsonPath.match(/\.[^.[\]]+|\['(?:[^'\\]|\\.)*'\]|./g) ?? [];
  let path = '';
  let at: SchemaNode | undefined = node;
  for (const tok of tokens) {
    let name: string;
    if (tok.startsWith('.')) name = tok.slice(1);
    else if (tok.startsWith("['")) name = tok.slice(2, -2).replace(/\\(.)/g, '$1');
    else return { error: `expected [ or . but got: ${tok}` };
    if (!at) return { error: 'does not refer to a valid field' };
    const prop: SchemaNode | undefined = at.properties.get(name);
    if (prop) {
      path = child(path, name);
      at = prop;
    } else if (typeof at.additionalProperties === 'object') {
      path = key(path, name);
      at = at.additionalProperties;
    } else return { error: 'does not refer to a valid field' };
  }
  return { path };
}
