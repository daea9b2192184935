// `kubegen diff A B`: what changed between two releases, clusters or CRD versions — the report to read before an
// upgrade. Exit 0, or 1 when a `--fail-on` condition is met (for CI), or 2 on a usage or input error, as
// `kubegen validate` and diff(1) do.
import { type Command, Option } from 'commander';

interface DiffFlags {
  kubeconfig?: string;
  include?: string[];
  exclude?: string[];
  crdsOnly?: boolean;
  json?: boolean;
  markdown?: boolean;
  output: 'text' | 'json' | 'markdown';
  failOn?: string[];
  maxFields: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('report group-versions, resources, verbs, fields and deprecations that differ between two APIs')
    .argument(
      '<from>',
      'kubernetes:1.NN (a release), a spec file, a /openapi/v3-shaped folder, CRD manifests (a file, folder or glob), a `kubectl proxy` URL, or context:NAME of the kubeconfig',
    )
    .argument('<to>', 'the same, for the newer side')
    .addOption(new Option('-o, --output <format>', 'how the report is printed').choices(formats).default('text'))
    .option('--json', 'the same as --output json')
    .option('--markdown', 'the same as --output markdown (for a pull request comment)')
    .option(
      '--fail-on <conditions>',
      'exit 1 when the diff has any of: removed, deprecated, breaking (comma-separated or repeated)',
      collect,
    )
    .option('--kubeconfig <file>', 'the kubeconfig that context:NAME sides read (default: $KUBECONFIG, ~/.kube/config)')
    .option('--include <pattern>', 'compare only this group, group/version or resource; repeatable', collect)
    .option('--exclude <pattern>', 'leave out this group, group/version or resource; repeatable', collect)
    .option('--crds-only', 'compare only groups that are not built into Kubernetes')
    .option('--max-fields <n>', 'field changes listed per schema in the report (0 lists all)', '50')
    // commander's own usage errors would exit 1, which here means "a --fail-on condition is met".
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (from: string, to: string, flags: DiffFlags) => {
      try {
        process.exitCode = await runDiff(from, to, flags);
      } catch (err) {
        process.stderr.write(`kubegen: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
      }
    });
}

const formats = ['text', 'json', 'markdown'];

async function runDiff(from: string, to: string, flags: DiffFlags): Promise<number> {
  const max = Number(flags.maxFields);
  if (!Number.isInteger(max) || max < 0) throw new Error(`--max-fields ${flags.maxFields}: expected a whole number`);
  // Loaded on use, so that other commands start without them.
  const [{ diffModels }, { loadDiffSource }, { filterModel }, { builtinMetaSchemas }, verdict] = await Promise.all([
    import('../../generator/diff/diff.js'),
    import('../../generator/diff/sources.js'),
    import('../../core/model/filter.js'),
    import('../../core/source/meta-schemas.js'),
    import('../../generator/diff/verdict.js'),
  ]);
  const failOn = verdict.parseFailOn(flags.failOn ?? []);
  const sides = flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {};
  const [a, b] = await Promise.all([loadDiffSource(from, sides), loadDiffSource(to, sides)]);
  // Both sides go through the same filter, so what it leaves out is neither removed nor added.
  const filter = { include: flags.include ?? [], exclude: flags.exclude ?? [], crdsOnly: flags.crdsOnly === true };
  // CRD manifests alone carry kubegen's stand-ins for ObjectMeta, Status, Scale…: against a spec or a cluster,
  // their fields would read as changes that no upgrade makes.
  const standIns = a.kind === 'crd' || b.kind === 'crd' ? new Set(Object.keys(builtinMetaSchemas())) : new Set();
  const diff = diffModels(filterModel(a.model, filter), filterModel(b.model, filter), {
    from: label(from, a.version),
    to: label(to, b.version),
    skipFields: (schema) => standIns.has(schema),
  });
  const options = { maxFieldsPerSchema: max === 0 ? Infinity : max };
  const output = flags.json ? 'json' : flags.markdown ? 'markdown' : flags.output;
  if (output === 'json') process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
  else if (output === 'markdown')
    process.stdout.write((await import('../../generator/diff/markdown.js')).formatMarkdown(diff, options));
  else process.stdout.write((await import('../../generator/diff/report.js')).formatDiff(diff, options));
  const failed = verdict.failureLine(diff, failOn);
  if (!failed) return 0;
  process.stderr.write(`${failed}\n`);
  return 1;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** A side's version, when it has one, is Kubernetes': CRD manifests name none. */
function label(label: string, version: string | undefined) {
  return version ? { label, version, kubernetes: true } : { label };
}
