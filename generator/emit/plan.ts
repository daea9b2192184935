// Which module each named schema lives in, and the name it has there. Every group-version gets a module;
// a schema goes to the group-version whose kinds share its package (`io.k8s.api.apps.v1`), else to `meta`.
// Objects nested in a schema (nested.ts) live beside it, named after it and their path, once every schema has its name.
import { posix } from 'node:path';
import type { ApiModel, GroupVersion } from '../../core/model/types.js';
import type { NestedSchema } from './nested.js';
import { NameScope, moduleFile, nestedTypeName, typeName } from './names.js';
import { compareStrings } from '../../core/spec/values.js';

export interface ModulePlan {
  /** `meta`, `support`, or `group/version` (`core/v1`, `apps/v1`). */
  key: string;
  /** Path relative to the output folder. */
  file: string;
  gv?: GroupVersion;
  /** Full schema names declared here, sorted. */
  schemas: string[];
  /** Full schema name (or a nested object's key) → identifier in this module. */
  local: Map<string, string>;
  scope: NameScope;
}

/** The extension relative imports name: `.js` (what compilers and bundlers resolve), or `.ts` (type stripping). */
export type ImportExtension = 'js' | 'ts';

export interface Plan {
  importExtension: ImportExtension;
  meta: ModulePlan;
  support: ModulePlan;
  groupVersions: ModulePlan[];
  /** Full schema name → the module declaring it. */
  home: Map<string, ModulePlan>;
}

/** Where an earlier plan of a larger model put a schema: its module's key and file, and its name there. */
export interface FixedHome {
  key: string;
  file: string;
  local: string;
}

/**
 * `fixed`: schemas that live, as named there, in modules of a larger model planned before (rendering some of its
 * group-versions again); they are neither declared nor given nested objects here.
 */
export function planModules(
  model: ApiModel,
  importExtension: ImportExtension = 'js',
  nested: ReadonlyMap<string, NestedSchema[]> = new Map(),
  fixed: ReadonlyMap<string, FixedHome> = new Map(),
): Plan {
  const meta = emptyModule('meta', 'meta.ts');
  const support = emptyModule('support', 'support.ts');
  const elsewhere = new Map<string, ModulePlan>([['meta', meta]]);
  const groupVersions: ModulePlan[] = [];
  const byWire = new Map<string, ModulePlan>();
  for (const group of model.groups) {
    for (const gv of group.versions) {
      const mod = { ...emptyModule(`${group.name}/${gv.version}`, moduleFile(group.name, gv.version)), gv };
      groupVersions.push(mod);
      byWire.set(`${gv.apiGroup}/${gv.version}`, mod);
    }
  }
  const names = Object.keys(model.schemas).sort();
  // A package belongs to a group-version when every kind in it is a kind of exactly that group-version
  // (apimachinery's meta/v1 also holds kinds of every group, DeleteOptions and WatchEvent, so it stays shared).
  const packageHomes = new Map<string, Set<ModulePlan | undefined>>();
  for (const name of names) {
    const gvks = model.schemas[name]!.gvks;
    if (!gvks.length) continue;
    const homes = packageHomes.get(packageOf(name)) ?? new Set();
    for (const g of gvks) homes.add(byWire.get(`${g.group}/${g.version}`));
    packageHomes.set(packageOf(name), homes);
  }
  const packageHome = new Map<string, ModulePlan>();
  for (const [pkg, homes] of packageHomes) {
    const [only] = homes;
    if (homes.size === 1 && only) packageHome.set(pkg, only);
  }
  const home = new Map<string, ModulePlan>();
  for (const [name, at] of fixed) {
    let mod = elsewhere.get(at.key);
    if (!mod) elsewhere.set(at.key, (mod = emptyModule(at.key, at.file)));
    mod.local.set(name, at.local);
    home.set(name, mod);
  }
  for (const name of names) {
    if (fixed.has(name)) continue;
    const mod = packageHome.get(packageOf(name)) ?? meta;
    mod.schemas.push(name);
    mod.local.set(name, mod.scope.claim(typeName(lastSegment(name))));
    home.set(name, mod);
  }
  for (const name of names) {
    if (fixed.has(name)) continue;
    const mod = home.get(name)!;
    for (const n of nested.get(name) ?? []) {
      mod.local.set(n.key, mod.scope.claim(nestedTypeName(mod.local.get(name)!, n.path)));
      home.set(n.key, mod);
    }
  }
  return { importExtension, meta, support, groupVersions, home };
}

function emptyModule(key: string, file: string): ModulePlan {
  return { key, file, schemas: [], local: new Map(), scope: new NameScope() };
}

function packageOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(0, i);
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The import specifier from one module's file to another's. */
export function relativeImport(from: ModulePlan, to: ModulePlan, extension: ImportExtension): string {
  const rel = posix.relative(posix.dirname(from.file), to.file).replace(/\.ts$/, `.${extension}`);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** `apps/v1` → `AppsV1`: the prefix given to a type imported under an alias. */
export function modulePrefix(mod: ModulePlan): string {
  return typeName(mod.key.replace(/\.k8s\.io\b/, ''));
}

/** The type references one module makes to others, collected while it is rendered. */
export class ModuleRefs {
  private readonly imports = new Map<ModulePlan, Map<string, string>>();
  constructor(
    readonly plan: Plan,
    readonly mod: ModulePlan,
  ) {}

  /** The identifier naming schema `name` inside this module, importing it when it lives elsewhere. */
  schema(name: string): string {
    const target = this.plan.home.get(name);
    if (!target) throw new Error(`no schema named ${JSON.stringify(name)}`);
    return this.from(target, target.local.get(name)!);
  }

  /** `exported` of module `target`, under a name free in this module. */
  from(target: ModulePlan, exported: string): string {
    if (target === this.mod) return exported;
    let names = this.imports.get(target);
    if (!names) this.imports.set(target, (names = new Map()));
    let alias = names.get(exported);
    if (!alias) {
      alias = this.mod.scope.has(exported)
        ? this.mod.scope.claim(`${modulePrefix(target)}${exported}`)
        : this.mod.scope.claim(exported);
      names.set(exported, alias);
    }
    return alias;
  }

  /** `import type` lines, sorted by module then name. */
  importLines(): string[] {
    const lines: string[] = [];
    const mods = [...this.imports.keys()].sort((a, b) => compareStrings(a.file, b.file));
    for (const target of mods) {
      const entries = [...this.imports.get(target)!].sort(([a], [b]) => compareStrings(a, b));
      const specs = entries.map(([exported, alias]) => (exported === alias ? exported : `${exported} as ${alias}`));
      lines.push(
        `import type { ${specs.join(', ')} } from '${relativeImport(this.mod, target, this.plan.importExtension)}';`,
      );
    }
    return lines;
  }
}
