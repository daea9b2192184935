// The runtime's own layers, read from its import statements: the contract (types, errors, signals, connection,
// version) at the bottom; credentials (auth) on it; connection sources (config) on those; the HTTP client, collection
// following (watch) and channel sessions each on the contract alone; `connect` and the index on top. And no cycles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/shared.ts';

const root = join(projectRoot, 'runtime');
const base = new Set(['types', 'errors', 'signals', 'connection', 'version']);

/** What each part may import besides itself and the contract. */
const allowed: Record<string, readonly string[]> = {
  base: [],
  auth: [],
  config: ['auth'],
  http: ['channels', 'watch/decode'],
  watch: [],
  channels: [],
  logs: [],
  connect: ['config', 'http'],
  index: ['*'],
};

function partOf(module: string): string {
  if (base.has(module)) return 'base';
  return module.includes('/') ? module.slice(0, module.indexOf('/')) : module;
}

function modules(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.startsWith('dist') || file.startsWith('node_modules'))
      continue;
    const module = file.slice(0, -3).split('\\').join('/');
    const text = readFileSync(join(root, file), 'utf8');
    const imports = [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((m) =>
      relative(root, normalize(join(root, dirname(module), m[1]!)))
        .split('\\')
        .join('/'),
    );
    out.set(module, imports);
  }
  return out;
}

describe('runtime layout', () => {
  const graph = modules();

  it('has its modules where the layers say', () => {
    assert.ok(graph.has('http/client') && graph.has('watch/watcher') && graph.has('channels/session'));
    for (const module of graph.keys())
      assert.ok(!/(^|\/)stream-/.test(module), `${module}: a prefix standing in for a folder`);
  });

  it('imports only downwards', () => {
    const wrong: string[] = [];
    for (const [module, imports] of graph) {
      const part = partOf(module);
      const may = allowed[part];
      assert.ok(may, `${module}: no rule for ${part}`);
      for (const target of imports) {
        const to = partOf(target);
        const ok = to === part || to === 'base' || may.includes('*') || may.includes(to) || may.includes(target);
        if (!ok) wrong.push(`${module} → ${target}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, path: string[]): void => {
      if (state.get(module) === 'done') return;
      assert.notEqual(state.get(module), 'open', `import cycle: ${[...path, module].join(' → ')}`);
      state.set(module, 'open');
      for (const next of graph.get(module) ?? []) visit(next, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of graph.keys()) visit(module, []);
  });
});
