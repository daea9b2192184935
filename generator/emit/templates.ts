// The Handlebars templates of generated files (templates/*.ts.hbs). `npm run build` precompiles them into
// templates.cjs beside this module (precompile.ts), so that a run loads Handlebars' small runtime instead of its
// compiler; a template whose text no longer matches what was precompiled (or a run from source) is compiled on use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsType from 'handlebars';
import { packageRoot } from '../../core/package.js';
import { sha256 } from '../../core/source/inputs/hash.js';

export type Template = (view: object) => string;

/** What precompile.ts writes: per template, the sha256 of its text and Handlebars' precompiled specification. */
export type Precompiled = Record<string, { sha256: string; spec: unknown }>;

export const TEMPLATE_NAMES = ['group-version', 'index', 'support', 'validating'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * Handlebars' options for every template: generated code is not HTML, and a missing field is an error. The templates
 * use no `@` variables and no helpers of their own: no data frame is made per item, and `each` and `if` are called
 * directly.
 */
export const COMPILE_OPTIONS = { noEscape: true, strict: true, data: false, knownHelpersOnly: true } as const;

const require = createRequire(import.meta.url);
const loaded = new Map<TemplateName, Template>();
let precompiled: Precompiled | null | undefined;

export function template(name: TemplateName): Template {
  let t = loaded.get(name);
  if (!t) {
    const text = templateText(name);
    const ready = precompiledTemplates()?.[name];
    t =
      ready?.sha256 === sha256(text)
        ? runtime().template(ready.spec as Parameters<typeof HandlebarsType.template>[0])
        : (require('handlebars') as typeof HandlebarsType).compile(text, COMPILE_OPTIONS);
    loaded.set(name, t);
  }
  return t;
}

/** Handlebars' runtime from its one-file build: its CommonJS entry resolves and compiles a dozen files first. */
function runtime(): typeof HandlebarsType {
  return require('handlebars/dist/handlebars.runtime.js') as typeof HandlebarsType;
}

export function templateText(name: TemplateName): string {
  return readFileSync(join(packageRoot(), 'templates', `${name}.ts.hbs`), 'utf8');
}

function precompiledTemplates(): Precompiled | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = require('./templates.cjs') as Precompiled;
    } catch {
      precompiled = null;
    }
  }
  return precompiled ?? undefined;
}
