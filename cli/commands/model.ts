// `kubegen model [--spec PATH... | --crd PATH... | cluster flags] [--json]`: the intermediate model that generation
// works from, read from the same inputs as `generate` — as JSON for tools and tests, or as a short summary of groups,
// versions, resources and verbs for people.
import type { Command } from 'commander';
import type { ApiModel } from '../../core/model/types.js';
import type { InputFlags } from '../../core/source/inputs/index.js';
import { addInputOptions, checkOneSource, inputFlags } from '../input-options.js';

export interface ModelFlags extends InputFlags {
  json?: boolean;
  schemas: boolean;
}

export function registerModel(program: Command): void {
  const command = program
    .command('model')
    .description('print the intermediate model (groups, versions, resources, verbs, operations) built from the inputs');
  addInputOptions(command)
    .option('--json', 'print the whole model as JSON')
    .option('--no-schemas', 'with --json, leave out the schemas (an empty `schemas` object)')
    .action(async (flags: ModelFlags) => write(await modelText(flags)));
}

/** What `kubegen model` prints for these flags. */
export async function modelText(flags: ModelFlags): Promise<string> {
  const model = await readModel(inputFlags(flags));
  return flags.json
    ? `${JSON.stringify(flags.schemas ? model : { ...model, schemas: {} }, null, 2)}\n`
    : summary(model);
}

/** The model of the inputs, read as `generate` reads them. */
async function readModel(flags: InputFlags): Promise<ApiModel> {
  checkOneSource(flags);
  const [{ buildModel }, { openInputs }] = await Promise.all([
    import('../../core/model/build.js'),
    import('../../core/source/inputs/index.js'),
  ]);
  const inputs = await openInputs(flags);
  try {
    return buildModel((await inputs.read()).documents);
  } finally {
    await inputs.close();
  }
}

/** One line per resource: plural, kind, scope, verbs and subresources, under its group-version. */
export function summary(model: ApiModel): string {
  const gvs = model.groups.flatMap((g) => g.versions);
  const resources = gvs.flatMap((gv) => gv.resources);
  const lines = [
    `${model.source.format} spec from ${model.source.files.length} file(s), sha256 ${model.source.hash}`,
    `${model.groups.length} groups, ${gvs.length} group-versions, ${resources.length} resources, ${model.operations.length} operations, ` +
      `${Object.keys(model.schemas).length} schemas; ${model.skipped.length} non-resource endpoints skipped`,
  ];
  for (const gv of gvs) {
    lines.push('', `${gv.group}/${gv.version} (${gv.pathPrefix})`);
    for (const r of gv.resources) {
      const subs = r.subresources.length ? `  [${r.subresources.map((s) => s.name).join(', ')}]` : '';
      lines.push(`  ${r.plural} ${r.kind} ${r.namespaced ? 'namespaced' : 'cluster'}: ${r.verbs.join(' ')}${subs}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes all of a possibly large output before the command returns. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
