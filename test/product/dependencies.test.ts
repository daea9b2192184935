// What the packages declare against what their code imports: an installed dependency that nothing imports is a
// defect, and so is an import that an install would not satisfy.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/shared.ts';

interface Manifest {
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  bundleDependencies?: string[];
  workspaces?: string[];
}

const manifest = (folder: string): Manifest =>
  JSON.parse(readFileSync(join(projectRoot, folder, 'package.json'), 'utf8')) as Manifest;

/** The source folders behind the `dist/<folder>` entries of kubegen's `files`. */
function shippedFolders(): string[] {
  return (manifest('.').files ?? []).flatMap((entry) => /^dist\/([\w-]+)$/.exec(entry)?.[1] ?? []);
}

/** A bare specifier (`yaml`, `@kubegen/runtime/config`, `node:fs`), not a path or text that builds one. */
const PACKAGE = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(:[\w/]+)?(\/[\w.-]+)*$/;

/** The npm packages a source file loads: static and dynamic imports, re-exports and createRequire calls. */
function importedPackages(text: string): string[] {
  const loads = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bcreateRequire\([^)]*\)\s*\(\s*)'([^']+)'/g;
  const specifiers = [...text.matchAll(loads)].map((m) => m[1]!).filter((s) => PACKAGE.test(s));
  return specifiers.flatMap((specifier) => {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    return name.startsWith('node:') || builtinModules.includes(name) ? [] : [name];
  });
}

function packagesImportedBy(folders: string[]): Set<string> {
  const found = new Set<string>();
  for (const folder of folders) {
    for (const file of readdirSync(join(projectRoot, folder), { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts') || /(^|[\\/])(dist|node_modules)[\\/]/.test(file)) continue;
      for (const name of importedPackages(readFileSync(join(projectRoot, folder, file), 'utf8'))) found.add(name);
    }
  }
  return found;
}

describe('kubegen package dependencies', () => {
  const root = manifest('.');
  const dependencies = Object.keys(root.dependencies ?? {}).sort();
  const folders = shippedFolders();

  it('ships the cli, core, generator and server', () => {
    assert.deepEqual([...folders].sort(), ['cli', 'core', 'generator', 'server']);
  });

  it('imports every dependency from the code it ships', () => {
    const imported = packagesImportedBy(folders);
    assert.deepEqual(
      dependencies.filter((d) => !imported.has(d)),
      [],
    );
  });

  it('declares every package its shipped code imports as a dependency', () => {
    const imported = [...packagesImportedBy(folders)].sort();
    assert.deepEqual(
      imported.filter((name) => !dependencies.includes(name)),
      [],
    );
  });

  it('bundles exactly the workspace packages it depends on, which the registry does not have', () => {
    const workspaces = (root.workspaces ?? []).map((folder) => (manifest(folder) as { name: string }).name);
    assert.deepEqual(
      [...(root.bundleDependencies ?? [])].sort(),
      dependencies.filter((d) => workspaces.includes(d)),
    );
  });
});

describe('@kubegen/runtime package dependencies', () => {
  const runtime = manifest('runtime');

  it('needs undici and js-yaml in production, nothing else', () => {
    assert.deepEqual(Object.keys(runtime.dependencies ?? {}).sort(), ['js-yaml', 'undici']);
    assert.deepEqual(runtime.peerDependencies ?? {}, {});
    assert.deepEqual(runtime.optionalDependencies ?? {}, {});
  });

  it('imports both', () => {
    assert.deepEqual([...packagesImportedBy(['runtime'])].sort(), ['js-yaml', 'undici']);
  });
});

describe('importedPackages', () => {
  const cases: [string, string, string[]][] = [
    ['static import', "import { Command } from 'commander';", ['commander']],
    ['type-only import', "import type { X } from 'yaml';", ['yaml']],
    ['scoped subpath', "import { Client } from '@kubegen/runtime/config';", ['@kubegen/runtime']],
    ['dynamic import', "const ts = (await import('typescript')).default;", ['typescript']],
    ['side-effect import', "import 'undici';", ['undici']],
    ['createRequire', "createRequire(import.meta.url)('cli-progress')", ['cli-progress']],
    ['re-export', "export { parse } from 'yaml';", ['yaml']],
    ['code that writes imports', "lines.push(`import { X } from '$" + "{target}';`);", []],
    ['a call on a call', "promisify(generateKeyPair)('rsa', {});", []],
    ['builtins and relative paths', "import fs from 'node:fs';\nimport p from 'path';\nimport x from './x.js';", []],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(importedPackages(text), want));
});
