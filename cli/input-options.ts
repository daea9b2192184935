// The options that say where schemas come from — spec files, CRD manifests or a cluster — defined once for every
// command that reads them (generate, validate), so that a new kind of input is one option here and one reader in
// core/source/inputs.
import type { Command } from 'commander';

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addInputOptions(command: Command): Command {
  return command
    .option(
      '--spec <path...>',
      'a v2 or v3 spec file (JSON or YAML), or a folder laid out like /openapi/v3; repeatable',
    )
    .option('--crd <file|dir|glob>', 'CRD manifests (multi-document YAML or JSON); repeatable', collect)
    .option(
      '--kubernetes <release>',
      'the OpenAPI documents Kubernetes publishes for a release (1.35 or 1.35.2), fetched once and locked in kubegen.lock.json',
    )
    .option('--server <url>', 'read this cluster (a `kubectl proxy` URL, or a server without authentication)')
    .option(
      '--kubeconfig <file>',
      'read the cluster of this kubeconfig (default: $KUBECONFIG, ~/.kube/config, or in-cluster)',
    )
    .option('--context <name>', 'the kubeconfig context to use');
}
