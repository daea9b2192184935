// The TypeScript compiler and openapi-typescript's schema conversion, loaded on first use: a run whose every
// conversion is cached never pays for them. Both are loaded through `require`: an ES `import` of the compiler (a
// CommonJS file of several megabytes) makes Node scan all of it for named exports first, doubling its cost, and
// openapi-typescript's main entry also loads its bundler and config validator, which a schema conversion never uses.
import { createRequire } from 'node:module';
import type TS from 'typescript';
import type { GlobalContext, SchemaObject } from 'openapi-typescript';

const require = createRequire(import.meta.url);

export interface SchemaConversion {
  transformSchemaObject(schema: SchemaObject, options: { path: string; ctx: GlobalContext }): TS.TypeNode;
  NULL: TS.TypeNode;
}

let compiler: typeof TS | undefined;
let conversion: SchemaConversion | undefined;

export function typescript(): typeof TS {
  compiler ??= require('typescript') as typeof TS;
  return compiler;
}

export function schemaConversion(): SchemaConversion {
  conversion ??= loadConversion();
  return conversion;
}

function loadConversion(): SchemaConversion {
  try {
    const { transformSchemaObject } =
      require('openapi-typescript/dist/transform/schema-object.cjs') as SchemaConversion;
    const { NULL } = require('openapi-typescript/dist/lib/ts.cjs') as SchemaConversion;
    if (typeof transformSchemaObject === 'function' && NULL) return { transformSchemaObject, NULL };
  } catch {
    // another layout of the package: its main entry has both
  }
  const { transformSchemaObject, NULL } = require('openapi-typescript') as SchemaConversion;
  return { transformSchemaObject, NULL };
}
