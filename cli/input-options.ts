// The options that say where schemas come from — spec files, CRD manifests or a cluster — defined once, for every
// command that reads them (generate, model, serve, validate); what they name is opened by core/source/inputs.
import type { Command } from 'commander';
import type { InputFlags } from '../core/source/inputs/index.js';

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The input options, as flags and as config file keys spell them. */
export const inputKeys = ['spec', 'crd', 'server', 'kubeconfig', 'context'] as const;
export type InputKey = (typeof inputKeys)[number];

const fileKeys: readonly InputKey[] = ['spec', 'crd'];

export function addInputOptions(command: Command): Command {
  return command
    .option(
      '--spec <path...>',
      'a v2 or v3 spec file (JSON or YAML), or a folder laid out like /openapi/v3; repeatable',
    )
    .option('--crd <file|dir|glob>', 'CRD manifests (multi-document YAML or JSON); repeatable', collect)
    .option('--server <url>', 'read this cluster (a `kubectl proxy` URL, or a server without authentication)')
    .option(
      '--kubeconfig <file>',
      'read the cluster of this kubeconfig (default: $KUBECONFIG, ~/.kube/config, or in-cluster)',
    )
    .option('--context <name>', 'the kubeconfig context to use');
}

/** The input flags among a command's flags, without the ones not given. */
export function inputFlags(flags: InputFlags): InputFlags {
  const out: InputFlags = {};
  for (const key of inputKeys) if (flags[key] !== undefined) Object.assign(out, { [key]: flags[key] });
  return out;
}

/**
 * Files and a cluster are two sources, not one: refused naming where each was given (`--server`, or `"spec" in
 * kubegen.config.json`), so the message never blames an option the user did not type.
 */
export function checkOneSource(
  flags: InputFlags,
  where: (key: InputKey) => string = (key) => `--${key}`,
  hint = '',
): void {
  const given = inputKeys.filter((key) => {
    const value = flags[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
  });
  const files = given.find((key) => fileKeys.includes(key));
  const cluster = given.find((key) => !fileKeys.includes(key));
  if (files && cluster)
    throw new Error(
      `${where(cluster)} reads a cluster, and ${where(files)} reads files: give one source or the other ` +
        `(leave out ${where(cluster)} or ${where(files)})${hint}`,
    );
}
