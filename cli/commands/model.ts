// `kubegen model --spec PATH... [--json]`: the intermediate model that generation works from — as JSON for
// tools and tests, or as a short summary of groups, versions, resources and verbs for people.
import type { Command } from 'commander';
import type { ApiModel } from '../../core/model/types.js';

interface ModelFlags {
  spec: string[];
  json?: boolean;
  schemas: boolean;
}

export function registerModel(program: Command): void {
  program
    .command('model')
    .description('print the intermediate model (groups, versions, resources, verbs, operations) built from specs')
    .requiredOption(
      '--spec <path...>',
      'a v2 or v3 spec file (JSON or YAML), or a folder laid out like /openapi/v3; repeatable',
    )
    .option('--json', 'print the whole model as JSON')
    .option('--no-schemas', 'with --json, leave out the schemas (an empty `schemas` object)')
    .action(async (flags: ModelFlags) => {
      const [{ buildModel }, { loadSpecs }] = await Promise.all([
        import('../../core/model/build.js'),
        import('../../core/source/load.js'),
      ]);
      const model = buildModel(await loadSpecs(flags.spec));
      const out = flags.json
        ? `${JSON.stringify(flags.schemas ? model : { ...model, schemas: {} }, null, 2)}\n`
        : summary(model);
      await write(out);
    });
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
