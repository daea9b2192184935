// Lists, a page at a time (`limit` + `continue`), as kube-apiserver serves them: an async iterator over
// the pages, one over the items, and a helper that gathers everything. An expired continue token (410)
// is either a clear error or a restart from the first page, as the caller chooses.
import { isExpired } from './status.js';
import type { CallOptions, QueryValue, Transport } from '../types.js';

/** The list fields the pager reads. */
export interface ListPage<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface ListOptions extends CallOptions {
  /** `labelSelector`, e.g. `app=web,tier!=cache`. */
  labelSelector?: string;
  /** `fieldSelector`, e.g. `status.phase=Running`. */
  fieldSelector?: string;
  /** Items per page (default 500, as client-go's pager); 0 asks for everything at once. */
  limit?: number;
  /** Serve the first page from this resourceVersion (`0`: any, from the watch cache). */
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  /**
   * What a 410 on a continue token does: `error` (default) throws `ListExpiredError`; `restart` starts the
   * list over, and after `maxRestarts` paged attempts lists everything in one request (always consistent).
   */
  onExpired?: 'error' | 'restart';
  maxRestarts?: number;
  /** Any other query parameters the server takes on a list. */
  query?: Record<string, QueryValue>;
}

/** One page as the iterator yields it. */
export interface Page<T> {
  items: T[];
  /** The resourceVersion the whole list is consistent at (the same on every page of one pass). */
  resourceVersion: string;
  /** Set on the first page after a restart: whatever earlier pages gave is superseded. */
  restarted: boolean;
  /** The server's estimate of the items still to come, when it gives one. */
  remainingItemCount?: number;
}

/** The continue token expired mid-list and the caller asked not to restart. */
export class ListExpiredError extends Error {
  override readonly name = 'ListExpiredError';
  readonly status = 410;

  constructor(
    readonly path: string,
    readonly pagesRead: number,
    options?: { cause?: unknown },
  ) {
    super(
      `list GET ${path}: the continue token expired after ${pagesRead} page${pagesRead === 1 ? '' : 's'} (410 Expired); start a new list, or list with onExpired: 'restart'`,
      options,
    );
  }
}

/** Every page of a list, in order. */
export async function* listPages<T>(
  transport: Transport,
  path: string,
  options: ListOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const maxRestarts = options.maxRestarts ?? 3;
  let restarts = 0;
  let token: string | undefined;
  let pagesRead = 0;
  let restarted = false;
  for (;;) {
    const unpaged = restarts > maxRestarts;
    let page: ListPage<T>;
    try {
      page = await transport.request<ListPage<T>>({
        verb: 'list',
        method: 'GET',
        path,
        query: pageQuery(options, token, unpaged),
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (err) {
      if (token === undefined || !isExpired(err)) throw err;
      if (options.onExpired !== 'restart') throw new ListExpiredError(path, pagesRead, { cause: err });
      restarts++;
      token = undefined;
      pagesRead = 0;
      restarted = true;
      continue;
    }
    pagesRead++;
    const meta = page.metadata ?? {};
    const out: Page<T> = { items: page.items ?? [], resourceVersion: meta.resourceVersion ?? '', restarted };
    if (meta.remainingItemCount !== undefined) out.remainingItemCount = meta.remainingItemCount;
    restarted = false;
    yield out;
    token = meta.continue || undefined;
    if (token === undefined) return;
  }
}

/** Every item of a list, page after page. With `onExpired: 'restart'` items may repeat after a restart; use `listAll` to avoid that. */
export async function* listItems<T>(
  transport: Transport,
  path: string,
  options: ListOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of listPages<T>(transport, path, options)) yield* page.items;
}

/** The whole list, gathered from its pages, with the resourceVersion it is consistent at. */
export async function listAll<T>(
  transport: Transport,
  path: string,
  options: ListOptions = {},
): Promise<{ items: T[]; resourceVersion: string }> {
  let items: T[] = [];
  let resourceVersion = '';
  for await (const page of listPages<T>(transport, path, options)) {
    if (page.restarted) items = [];
    if (items.length === 0) items = page.items;
    else for (const item of page.items) items.push(item);
    resourceVersion = page.resourceVersion;
  }
  return { items, resourceVersion };
}

function pageQuery(options: ListOptions, token: string | undefined, unpaged: boolean): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = { ...options.query };
  if (options.labelSelector) query.labelSelector = options.labelSelector;
  if (options.fieldSelector) query.fieldSelector = options.fieldSelector;
  const limit = options.limit ?? 500;
  if (!unpaged && limit > 0) query.limit = limit;
  if (token !== undefined) query.continue = token;
  else if (options.resourceVersion !== undefined && !unpaged) {
    query.resourceVersion = options.resourceVersion;
    if (options.resourceVersionMatch) query.resourceVersionMatch = options.resourceVersionMatch;
  }
  return query;
}
