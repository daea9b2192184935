// How an exec credential plugin is configured (a kubeconfig's `users[].user.exec`, or explicit options): what the
// credential code needs to run it, whoever read the configuration.

export type ExecInteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** An exec credential plugin (`users[].user.exec`). */
export interface ExecConfig {
  apiVersion: string;
  /** A name looked up on PATH, or a path (relative ones, those with a slash, resolved against the kubeconfig's folder). */
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode: ExecInteractiveMode;
}
