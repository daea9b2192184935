// `kubegen diff A B`: what changed between two releases, clusters or CRD versions — the report to read before an upgrade.
import type { Command } from 'commander';
import { diffModels } from '../diff/diff.js';
import { formatDiff } from '../diff/report.js';
import { loadDiffSource } from '../diff/sources.js';

interface DiffFlags {
  kubeconfig?: string;
  json?: boolean;
  maxFields: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('report group-versions, resources, verbs, fields and deprecations that differ between two APIs')
    .argument('<from>', 'a spec file, a /openapi/v3-shaped folder, CRD manifests (a file, folder or glob), a `kubectl proxy` URL, or context:NAME of the kubeconfig')
    .argument('<to>', 'the same, for the newer side')
    .option('--json', 'print the report as JSON')
    .option('--kubeconfig <file>', 'the kubeconfig that context:NAME sides read (default: $KUBECONFIG, ~/.kube/config)')
    .option('--max-fields <n>', 'field changes listed per schema in the report (0 lists all)', '50')
    .action(async (from: string, to: string, flags: DiffFlags) => {
      const max = Number(flags.maxFields);
      if (!Number.isInteger(max) || max < 0) throw new Error(`--max-fields ${flags.maxFields}: expected a whole number`);
      const sides = flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {};
      const [a, b] = await Promise.all([loadDiffSource(from, sides), loadDiffSource(to, sides)]);
      const diff = diffModels(a.model, b.model, { from: label(from, a.version), to: label(to, b.version) });
      const out = flags.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff, { maxFieldsPerSchema: max === 0 ? Infinity : max });
      process.stdout.write(out);
    });
}

function label(label: string, version: string | undefined) {
  return version ? { label, version } : { label };
}
