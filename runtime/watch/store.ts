// A local cache of one collection's objects by key (`namespace/name`, or `name` when cluster-scoped), as kube-rs's
// reflector Store and client-go's cache.Store: what an informer's readers see, kept current by a watcher's events.
// It holds the decoded objects themselves and nothing else per object. Usable alone: apply events to it.
import type { WatchEvent } from '../types.js';
import { objectKey, type ObjectWithMeta, type WatcherEvent } from './watcher.js';

export class Store<T extends ObjectWithMeta> {
  /** The objects by key; a Watcher given this map as `known` keeps it current as it delivers events. */
  readonly objects: Map<string, T>;

  constructor(objects: Map<string, T> = new Map()) {
    this.objects = objects;
  }

  get(name: string, namespace?: string): T | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.objects.get(key);
  }

  /** Every object, or those of one namespace. */
  list(namespace?: string): T[] {
    const all = [...this.objects.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  get size(): number {
    return this.objects.size;
  }

  /** Brings the store up to date with one event: ADDED and MODIFIED put the object, DELETED removes it; others change nothing. */
  apply(event: WatcherEvent<T> | WatchEvent<T>): void {
    if (event.type === 'ADDED' || event.type === 'MODIFIED') this.objects.set(objectKey(event.object), event.object);
    else if (event.type === 'DELETED') this.objects.delete(objectKey(event.object));
  }

  /** Replaces every object with `items` (the answer of a list). */
  replace(items: Iterable<T>): void {
    this.objects.clear();
    for (const item of items) this.objects.set(objectKey(item), item);
  }
}

/** The events of `events`, each applied to `store` before it is passed on (kube-rs's reflector). */
export async function* reflect<T extends ObjectWithMeta>(
  store: Store<T>,
  events: AsyncIterable<WatcherEvent<T>>,
): AsyncGenerator<WatcherEvent<T>, void, undefined> {
  for await (const event of events) {
    store.apply(event);
    yield event;
  }
}
