// A client of the test API server, and client factories loaded from generated output at run time: for tests of
// what generated clients do against a cluster.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { Client, noCredentials, type Transport } from '@kubegen/runtime';
import type { ApiServer } from '../../server/index.ts';

/** A client module's factory, loaded from generated output at run time. */
export type Factory = (
  t: Transport,
  options?: { discovery?: boolean },
) => Record<string, Record<string, (...a: unknown[]) => unknown>>;

export async function factoryFrom(file: string, name: string): Promise<Factory> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, Factory>;
  assert.equal(typeof mod[name], 'function', `${file} exports ${name}`);
  return mod[name]!;
}

/** A client of a server on loopback (the test API server, or any with a `url`): no retries, no warnings printed. */
export function clientOf(server: Pick<ApiServer, 'url'>): Client {
  return new Client(
    { server: server.url, namespace: 'default', tls: {}, credentials: noCredentials, origin: { kind: 'explicit' } },
    { retry: false, onWarning: false },
  );
}

/** What the call rejected with; fails when it succeeds. */
export async function rejection(p: unknown): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to fail');
}
