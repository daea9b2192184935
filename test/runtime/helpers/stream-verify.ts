// Checks a watcher's delivered events against the server's own change log: between two syncs, the real
// events must be exactly the next changes of the log, in order (nothing lost, nothing repeated); at each
// sync (first list, every relist) the objects delivered so far must equal the server's state at that version.
import assert from 'node:assert/strict';
import type { WatcherEvent } from '@kubegen/runtime';
import type { Change } from '../../../server/index.ts';
import type { ConfigMap } from './stream-data.ts';

export interface DeliveryReport {
  realEvents: number;
  syntheticEvents: number;
  syncs: number;
  /** Log changes folded into a relist (never seen one by one). */
  collapsed: number;
}

const keyOf = (namespace: string, name: string) => (namespace ? `${namespace}/${name}` : name);

/** The bucket's objects (key → resourceVersion) after every change up to `rv`. */
function stateAt(log: Change[], rv: number, keep: (c: Change) => boolean): Map<string, string> {
  const state = new Map<string, string>();
  for (const c of log) {
    if (Number(c.resourceVersion) > rv) break;
    const key = keyOf(c.namespace, c.name);
    if (c.type === 'DELETED' || !keep(c)) state.delete(key);
    else state.set(key, c.resourceVersion);
  }
  return state;
}

/**
 * Verifies `delivered` against `log` (one bucket's changes, oldest first). `keep` says whether a change leaves
 * the object inside the watched selection (for selector watches); objects leaving it arrive as DELETED.
 */
export function verifyDelivery(
  delivered: WatcherEvent<ConfigMap>[],
  log: Change[],
  keep: (c: Change) => boolean = () => true,
): DeliveryReport {
  const client = new Map<string, string>();
  const report: DeliveryReport = { realEvents: 0, syntheticEvents: 0, syncs: 0, collapsed: 0 };
  let cursor = -1; // index in `log` of the last change accounted for
  const indexOfRv = new Map(log.map((c, i) => [c.resourceVersion, i]));
  for (const [n, event] of delivered.entries()) {
    const where = `event ${n} (${event.type})`;
    if (event.type === 'SYNCED') {
      const rv = Number(event.resourceVersion);
      const expected = stateAt(log, rv, keep);
      assert.deepEqual(
        new Map([...client].sort()),
        new Map([...expected].sort()),
        `${where}: delivered objects differ from the server's state at ${rv}`,
      );
      let next = cursor + 1;
      while (next < log.length && Number(log[next]!.resourceVersion) <= rv) next++;
      if (report.syncs > 0) report.collapsed += next - 1 - cursor;
      cursor = next - 1;
      report.syncs++;
      continue;
    }
    const meta = event.object.metadata;
    const key = keyOf(meta.namespace ?? '', meta.name);
    const known = client.has(key);
    if (event.type === 'ADDED') assert.ok(!known, `${where}: ADDED ${key} which was already delivered`);
    else assert.ok(known, `${where}: ${event.type} ${key} which was never delivered`);
    if (event.type === 'DELETED') client.delete(key);
    else client.set(key, meta.resourceVersion!);
    if (event.synthetic) {
      report.syntheticEvents++;
      continue;
    }
    report.realEvents++;
    if (report.syncs === 0) continue; // the initial list's ADDED events, checked at the first sync
    const i = indexOfRv.get(meta.resourceVersion!);
    assert.ok(
      i !== undefined,
      `${where}: resourceVersion ${meta.resourceVersion} of ${key} is not in the server's change log`,
    );
    assert.equal(
      i,
      cursor + 1,
      `${where}: ${key}@${meta.resourceVersion} is not the next change after ${log[cursor]?.resourceVersion} (expected ${log[cursor + 1]?.type} ${log[cursor + 1]?.name}@${log[cursor + 1]?.resourceVersion})`,
    );
    const c = log[i]!;
    assert.equal(
      keyOf(c.namespace, c.name),
      key,
      `${where}: the log's change ${c.resourceVersion} is for another object`,
    );
    const expectedType = c.type === 'DELETED' || !keep(c) ? 'DELETED' : known ? 'MODIFIED' : 'ADDED';
    assert.equal(event.type, expectedType, `${where}: ${key}@${meta.resourceVersion}`);
    cursor = i;
  }
  assert.equal(cursor, log.length - 1, `the last ${log.length - 1 - cursor} changes of the log were never delivered`);
  return report;
}
