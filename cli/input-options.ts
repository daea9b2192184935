// The options that say where schemas come from — spec files, CRD manifests, a release or a cluster — defined once,
// for every command that reads them (generate, model, serve, validate); core/source/inputs opens what they name.
import type { Command } from 'commander';
import type { InputFlags } from '../core/source/inputs/index.js';
import { addOptions, type OptionSpec } from './option-table.js';

/** The input options, as flags and as config file keys spell them. */
export const inputKeys = ['spec', 'crd', 'kubernetes', 'server', 'kubeconfig', 'context'] as const;
export type InputKey = (typeof inputKeys)[number];

const clusterKeys: readonly InputKey[] = ['server', 'kubeconfig', 'context'];
/** What each input that is not a cluster reads, in errors. */
const reads: Partial<Record<InputKey, string>> = { spec: 'files', crd: 'files', kubernetes: 'a release' };

/** Registered alike on every command that reads inputs. */
export const inputOptions: readonly OptionSpec[] = [
  {
    flags: '--spec <path...>',
    description: 'a v2 or v3 spec file (JSON or YAML), or a folder laid out like /openapi/v3; repeatable',
  },
  {
    flags: '--crd <file|dir|glob>',
    description: 'CRD manifests (multi-document YAML or JSON); repeatable',
    repeatable: true,
  },
  {
    flags: '--kubernetes <release>',
    description:
      'the OpenAPI documents Kubernetes publishes for a release (1.35 or 1.35.2), fetched once and locked in kubegen.lock.json',
  },
  {
    flags: '--server <url>',
    description: 'read this cluster (a `kubectl proxy` URL, or a server without authentication)',
  },
  {
    flags: '--kubeconfig <file>',
    description: 'read the cluster of this kubeconfig (default: $KUBECONFIG, ~/.kube/config, or in-cluster)',
  },
  { flags: '--context <name>', description: 'the kubeconfig context to use' },
];

export function addInputOptions(command: Command): Command {
  return addOptions(command, inputOptions);
}

/** The input flags among a command's flags, without the ones not given. */
export function inputFlags(flags: InputFlags): InputFlags {
  const out: InputFlags = {};
  for (const key of inputKeys) if (flags[key] !== undefined) Object.assign(out, { [key]: flags[key] });
  return out;
}

/**
 * Spec files, a release and a cluster are each a source on their own (CRD manifests add to files or a release):
 * two at once are refused naming where each was given (`--server`, or `"spec" in kubegen.config.json`), so the
 * message never blames an option the user did not type.
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
  const cluster = given.find((key) => clusterKeys.includes(key));
  const other = given.find((key) => !clusterKeys.includes(key));
  if (cluster && other) throw twoSources([cluster, 'a cluster'], [other, reads[other]!], where, hint);
  if (given.includes('kubernetes') && given.includes('spec'))
    throw twoSources(['kubernetes', 'a release'], ['spec', 'files'], where, '; --crd adds to either');
}

function twoSources(
  [a, aReads]: [InputKey, string],
  [b, bReads]: [InputKey, string],
  where: (key: InputKey) => string,
  hint: string,
): Error {
  return new Error(
    `${where(a)} reads ${aReads}, and ${where(b)} reads ${bReads}: give one source or the other ` +
      `(leave out ${where(a)} or ${where(b)})${hint}`,
  );
}
