// From a field path as kube-apiserver prints it (`spec.containers[0].ports[1]`, `metadata.labels[app]`) to the place
// in a YAML or JSON syntax tree where the field is written.
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';

interface Step {
  name: string;
  /** Written after a dot: a key holding dots may have been split at them. */
  dotted: boolean;
}

export function fieldSteps(field: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < field.length) {
    if (field[i] === '.') {
      i++;
      continue;
    }
    if (field[i] === '[') {
      const end = field.indexOf(']', i);
      const stop = end < 0 ? field.length : end;
      steps.push({ name: field.slice(i + 1, stop), dotted: false });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < field.length && field[j] !== '.' && field[j] !== '[') j++;
    steps.push({ name: field.slice(i, j), dotted: true });
    i = j;
  }
  return steps;
}

/**
 * The offset where `field` is written under `root`: the value (or with `key`, the key that names it); when part of
 * the path is not written (a required field left out), the key of the nearest written parent. `fallback` when root
 * is empty.
 */
export function locateField(doc: Document, root: Node | null, field: string, key: boolean, fallback: number): number {
  const steps = fieldSteps(field);
  let node: Node | null = root;
  let at = root?.range?.[0] ?? fallback;
  let keyAt = at;
  for (let i = 0; i < steps.length; ) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    let next: { value: Node | null; keyAt: number; used: number } | undefined;
    if (isMap(node)) next = mapStep(node.items as Pair[], steps, i);
    else if (isSeq(node)) {
      const item = node.items[Number(steps[i]!.name)] as Node | undefined;
      if (item) next = { value: item, keyAt: item.range?.[0] ?? at, used: 1 };
    }
    if (!next) return keyAt;
    keyAt = next.keyAt;
    node = next.value;
    at = node?.range?.[0] ?? keyAt;
    i += next.used;
  }
  return key ? keyAt : at;
}

/** The last pair whose key is the next step, or the next steps joined by dots (keys such as `example.com/x`). */
function mapStep(pairs: Pair[], steps: Step[], from: number) {
  let name = '';
  for (let n = from; n < steps.length; n++) {
    if (n > from && !steps[n]!.dotted) break;
    name = n > from ? `${name}.${steps[n]!.name}` : steps[n]!.name;
    const pair = pairs.findLast((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === name);
    if (pair) {
      const keyNode = pair.key as Node | null;
      return { value: pair.value as Node | null, keyAt: keyNode?.range?.[0] ?? 0, used: n - from + 1 };
    }
  }
  return undefined;
}
