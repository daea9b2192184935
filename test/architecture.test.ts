// The layer order of ARCHITECTURE.md, checked on every source file: what each layer may import, and no cycle.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from './helpers/shared.ts';

/** Source folders and the folders (and npm packages) each may import from; `runtime` and `validation` stand alone. */
const rules: Record<string, { folders: string[]; packages?: RegExp }> = {
  'core/spec': { folders: ['core/spec'] },
  'core/source': { folders: ['core/spec', 'core/source'] },
  'core/model': { folders: ['core/spec', 'core/model'] },
  core: { folders: ['core'] },
  generator: { folders: ['core', 'generator'] },
  server: { folders: ['core', 'server'] },
  cli: { folders: ['core', 'generator', 'server', 'cli'] },
  runtime: { folders: ['runtime'], packages: /^(node:.*|undici|js-yaml)$/ },
  validation: { folders: ['validation'], packages: /^(node:.*|@marcbachmann\/cel-js|yaml)$/ },
};

interface Import {
  from: string;
  specifier: string;
  /** The repository file a relative specifier names. */
  target?: string;
}

function layerOf(file: string): string | undefined {
  return Object.keys(rules)
    .filter((layer) => file.startsWith(`${layer}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function sourceFiles(): string[] {
  return Object.keys(rules)
    .filter((layer) => !layer.includes('/'))
    .flatMap((top) =>
      (readdirSync(join(projectRoot, top), { recursive: true }) as string[]).map(
        (f) => `${top}/${f.split('\\').join('/')}`,
      ),
    )
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('/dist/') && !f.includes('/node_modules/'));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map(
    (m) => {
      const specifier = (m[1] ?? m[2])!;
      if (!specifier.startsWith('.')) return { from: file, specifier };
      const base = normalize(join(dirname(file), specifier))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}/index.ts`].find((t) => existsSync(join(projectRoot, t)));
      return { from: file, specifier, ...(target ? { target } : {}) };
    },
  );
}

const files = sourceFiles();
const imports = files.flatMap(importsOf);

describe('architecture', () => {
  it('every relative import names a source file', () => {
    const dangling = imports.filter(
      (i) => i.specifier.startsWith('.') && !i.target && !/\.(json|hbs)$/.test(i.specifier),
    );
    assert.deepEqual(
      dangling.map((i) => `${i.from}: ${i.specifier}`),
      [],
    );
  });

  it('each layer imports only the layers below it', () => {
    const wrong = imports.flatMap((i) => {
      const layer = layerOf(i.from);
      if (!layer) return [];
      const rule = rules[layer]!;
      if (i.target) return rule.folders.some((f) => i.target!.startsWith(`${f}/`)) ? [] : [`${i.from} → ${i.target}`];
      if (rule.packages && !rule.packages.test(i.specifier)) return [`${i.from} → ${i.specifier}`];
      if (i.specifier === 'kubegen' || i.specifier.startsWith('kubegen/')) return [`${i.from} → ${i.specifier}`];
      return [];
    });
    assert.deepEqual(wrong, []);
  });

  it('no import cycle between files', () => {
    const edges = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const i of imports) if (i.target) edges.get(i.from)?.push(i.target);
    const cycles = stronglyConnected(edges).filter((c) => c.length > 1);
    assert.deepEqual(
      cycles.map((c) => c.sort().join(' ⇄ ')),
      [],
    );
  });

  it('the rules name every top-level source folder', () => {
    for (const layer of Object.keys(rules))
      assert.ok(existsSync(join(projectRoot, layer)), `${layer} is gone: update the rules`);
    const unruled = files.filter((f) => !layerOf(f)).map((f) => relative('.', f));
    assert.deepEqual(unruled, []);
  });
});

/** Tarjan's strongly connected components. */
function stronglyConnected(edges: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}
