// Unknown fields: what a kind's schema does not declare. The real server drops them when decoding a built-in
// kind and prunes them from custom resources; `fieldValidation` decides whether that is silent, a warning or a 400.
import type { Schema } from '../../core/model/types.js';
import type { SchemaWalker } from '../patch/schema.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Removes every field the schema does not declare from `obj` (in place) and returns their paths as the
 * real server prints them: `spec.template.spec.containers[0].foo`.
 */
export function dropUnknownFields(walker: SchemaWalker, root: Schema | undefined, obj: Obj): string[] {
  const found: string[] = [];
  const walk = (value: unknown, schema: Schema | undefined, path: string) => {
    const s = walker.resolve(schema);
    if (!s || (s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties)) return;
    if (Array.isArray(value)) {
      if (s.items) value.forEach((item, i) => walk(item, s.items, `${path}[${i}]`));
      return;
    }
    if (!isObj(value)) return;
    const props = s.properties;
    const extra = s.additionalProperties;
    if (!props) {
      if (typeof extra === 'object') for (const [k, v] of Object.entries(value)) walk(v, extra, join(path, k));
      return;
    }
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || extra === true;
    for (const [k, v] of Object.entries(value)) {
      const field = props[k] ?? (typeof extra === 'object' ? extra : undefined);
      if (field) walk(v, field, join(path, k));
      // An embedded object keeps its apiVersion, kind and metadata whatever its schema says.
      else if (
        !preserve &&
        !(s['x-kubernetes-embedded-resource'] === true && ['apiVersion', 'kind', 'metadata'].includes(k))
      ) {
        found.push(join(path, k));
        delete value[k];
      }
    }
  };
  walk(obj, root, '');
  return found;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
