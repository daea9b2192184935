// `kubegen diff A B`: what changed between two releases, clusters or CRD versions — the report to read before an upgrade.
import type { Command } from 'commander';

interface DiffFlags {
  kubeconfig?: string;
  include?: string[];
  exclude?: string[];
  crdsOnly?: boolean;
  json?: boolean;
  maxFields: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('report group-versions, resources, verbs, fields and deprecations that differ between two APIs')
    .argument(
      '<from>',
      'a spec file, a /openapi/v3-shaped folder, CRD manifests (a file, folder or glob), a `kubectl proxy` URL, or context:NAME of the kubeconfig',
    )
    .argument('<to>', 'the same, for the newer side')
    .option('--json', 'print the report as JSON')
    .option('--kubeconfig <file>', 'the kubeconfig that context:NAME sides read (default: $KUBECONFIG, ~/.kube/config)')
    .option('--include <pattern>', 'compare only this group, group/version or resource; repeatable', collect)
    .option('--exclude <pattern>', 'leave out this group, group/version or resource; repeatable', collect)
    .option('--crds-only', 'compare only groups that are not built into Kubernetes')
    .option('--max-fields <n>', 'field changes listed per schema in the report (0 lists all)', '50')
    .action(async (from: string, to: string, flags: DiffFlags) => {
      const max = Number(flags.maxFields);
      if (!Number.isInteger(max) || max < 0)
        throw new Error(`--max-fields ${flags.maxFields}: expected a whole number`);
      // Loaded on use, so that other commands start without them.
      const [{ diffModels }, { formatDiff }, { loadDiffSource }, { filterModel }, { builtinMetaSchemas }] =
        await Promise.all([
          import('../../generator/diff/diff.js'),
          import('../../generator/diff/report.js'),
          import('../../generator/diff/sources.js'),
          import('../../core/model/filter.js'),
          import('../../core/source/meta-schemas.js'),
        ]);
      const sides = flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {};
      const [a, b] = await Promise.all([loadDiffSource(from, sides), loadDiffSource(to, sides)]);
      // Both sides go through the same filter, so what it leaves out is neither removed nor added.
      const filter = { include: flags.include ?? [], exclude: flags.exclude ?? [], crdsOnly: flags.crdsOnly === true };
      // CRD manifests alone carry kubegen's stand-ins for ObjectMeta, Status, Scale…: against a spec or a cluster,
      // their fields would read as changes that no upgrade makes.
      const standIns =
        a.kind === 'crd' || b.kind === 'crd' ? new Set(Object.keys(builtinMetaSchemas())) : new Set<string>();
      const diff = diffModels(filterModel(a.model, filter), filterModel(b.model, filter), {
        from: label(from, a.version),
        to: label(to, b.version),
        skipFields: (schema) => standIns.has(schema),
      });
      const out = flags.json
        ? `${JSON.stringify(diff, null, 2)}\n`
        : formatDiff(diff, { maxFieldsPerSchema: max === 0 ? Infinity : max });
      process.stdout.write(out);
    });
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function label(label: string, version: string | undefined) {
  return version ? { label, version } : { label };
}
