// Acceptance 5: a thrown object — its message, stack, cause chain and own fields — carries none of the secrets.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

export function assertNoSecrets(thrown: unknown, secrets: readonly string[]): void {
  // inspect() walks the stack, the cause chain and every own property, as a logger printing the error would.
  const text = `${String(thrown)}\n${inspect(thrown, { depth: 10, showHidden: true })}\n${JSON.stringify(thrown) ?? ''}`;
  for (const secret of secrets) {
    if (secret) assert.ok(!text.includes(secret), `a secret leaked into: ${String(thrown)}`);
  }
}
