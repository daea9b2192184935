// watch: newline-delimited JSON events from a resourceVersion (replayed from the change log), initial
// events, bookmarks, timeouts, 410 Expired for compacted versions, and the cut/expire faults.
import type { Call } from '../http/context.js';
import type { Fault } from '../http/faults.js';
import { asVersion } from '../storage/objects.js';
import { apiVersionOf, storageKey } from '../api/registry.js';
import { badRequest, expired, type StatusError } from '../http/status.js';
import type { Change, KubeObject } from '../storage/store.js';
import { tableContentType, tableVersion, toTable } from '../printers/table.js';
import { selectorOf } from './read.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export function watchObjects(call: Call, fault: Fault | undefined): void {
  const { state, resource: r, info, query, res } = call;
  const matcher = selectorOf(call);
  const namespace = info.namespace;
  const name = info.name;
  const inScope = (o: KubeObject) =>
    (namespace === undefined || (o.metadata?.namespace ?? '') === namespace) &&
    (name === undefined || o.metadata?.name === name);
  const selected = (o: KubeObject | undefined) => o !== undefined && inScope(o) && matcher(o);
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const rvParam = query.get('resourceVersion') ?? '';
  const sendInitial = query.get('sendInitialEvents');
  if (sendInitial !== null && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw badRequest(
      'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan',
    );
  }
  const table = tableVersion(call.accept);
  const bucket = storageKey(r);

  res.writeHead(200, {
    'Content-Type': table ? tableContentType(table) : 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();

  let sent = 0;
  let closed = false;
  let unsubscribe: () => void = () => undefined;
  let ticker: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  const write = (type: EventType, object: unknown): void => {
    if (closed) return;
    const line = JSON.stringify({ type, object }) + '\n';
    if (fault?.type === 'cutWatch' && sent >= (fault.afterEvents ?? 0)) {
      res.write(line.slice(0, Math.max(1, Math.floor(line.length / 2))));
      close(true);
      return;
    }
    res.write(line);
    sent++;
    if (fault?.type === 'expireWatch' && type !== 'ERROR' && sent >= (fault.afterEvents ?? 0)) expire();
  };
  const render = (o: KubeObject): unknown =>
    table
      ? toTable(r, [asVersion(r, o)], table, query.get('includeObject'), {
          resourceVersion: o.metadata?.resourceVersion ?? '',
        })
      : asVersion(r, o);
  const bookmark = (rv: number, annotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = { resourceVersion: String(rv), creationTimestamp: null };
    if (annotations) metadata.annotations = annotations;
    write('BOOKMARK', { kind: r.kind, apiVersion: apiVersionOf(r), metadata });
  };
  const sendError = (err: StatusError): void => write('ERROR', err.toStatus());

  const onChange = (c: Change): void => {
    if (c.bucket !== bucket) return;
    const now = selected(c.type === 'DELETED' ? undefined : c.object);
    const before = selected(c.previous);
    if (c.type === 'DELETED') {
      if (before) write('DELETED', render(c.object));
    } else if (now && before) write('MODIFIED', render(c.object));
    else if (now) write('ADDED', render(c.object));
    else if (before) write('DELETED', render(c.object));
  };

  const close = (destroy = false): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(ticker);
    clearTimeout(timer);
    state.watches.delete(handle);
    // A cut ends the connection after what was written, without the chunked stream's last chunk.
    if (destroy) res.socket?.end();
    else res.end();
  };
  function expire(): void {
    if (closed) return;
    sendError(expired(`The resourceVersion for the provided watch is too old.`));
    close();
  }
  const handle = { expire, close: () => close() };

  // Subscribing and replaying happen in the same tick, so no change can fall between them.
  unsubscribe = state.store.subscribe(onChange);
  state.watches.add(handle);
  res.on('close', () => close());

  if (rvParam === '' || rvParam === '0' || sendInitial === 'true') {
    if (sendInitial !== 'false') {
      for (const o of state.store.list(bucket, namespace)) if (selected(o)) write('ADDED', render(o));
    }
    if (sendInitial === 'true' && bookmarks)
      bookmark(state.store.resourceVersion, { 'k8s.io/initial-events-end': 'true' });
  } else {
    const from = Number(rvParam);
    const changes = Number.isInteger(from) ? state.store.changesSince(from) : undefined;
    if (!Number.isInteger(from)) {
      sendError(badRequest(`resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`));
      close();
      return;
    }
    if (!changes) {
      sendError(expired(`too old resource version: ${from} (${state.store.oldestReplayable + 1})`));
      close();
      return;
    }
    for (const c of changes) onChange(c);
  }

  if (closed) return;
  ticker = setInterval(() => {
    if (bookmarks) bookmark(state.store.resourceVersion);
  }, state.bookmarkIntervalMs);
  ticker.unref();
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  timer = setTimeout(() => close(), timeoutSeconds > 0 ? timeoutSeconds * 1000 : 30 * 60_000);
  timer.unref();
}
