// `npm run build`'s last step: precompiles the templates into templates.cjs beside the built templates.ts.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HandlebarsType from 'handlebars';
import { sha256 } from '../../core/source/inputs/hash.js';
import { COMPILE_OPTIONS, TEMPLATE_NAMES, templateText } from './templates.js';

const Handlebars = createRequire(import.meta.url)('handlebars') as typeof HandlebarsType;
const entries = TEMPLATE_NAMES.map((name) => {
  const text = templateText(name);
  const spec = Handlebars.precompile(text, COMPILE_OPTIONS) as string;
  return `  ${JSON.stringify(name)}: { sha256: ${JSON.stringify(sha256(text))}, spec: ${spec} },`;
});
writeFileSync(new URL('./templates.cjs', import.meta.url), `module.exports = {\n${entries.join('\n')}\n};\n`);
