// In-memory storage: objects by bucket (group/plural), one global resourceVersion, a change log
// that watches replay from (compacted to a small window), and the full history tests read.
import { expired } from '../http/status.js';
import { compareStrings } from '../../core/spec/values.js';

export type KubeObject = Record<string, unknown> & { metadata?: ObjectMeta };

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change, as tests read it to check exactly-once delivery. */
export interface Change {
  resourceVersion: string;
  type: ChangeType;
  /** `apps/deployments`, `/configmaps` for core. */
  bucket: string;
  namespace: string;
  name: string;
  /** The object after the change (for DELETED, as it was when deleted, with the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before the change (undefined for ADDED). */
  previous?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

export class Store {
  private rv = 0;
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  /** Changes still replayable by watches; older ones are compacted away. */
  private window: Change[] = [];
  /** The newest resourceVersion no longer replayable. */
  private compactedRv = 0;
  private readonly history: Change[] = [];
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    private windowSize: number,
    private readonly historyLimit = 100_000,
  ) {}

  get resourceVersion(): number {
    return this.rv;
  }

  get oldestReplayable(): number {
    return this.compactedRv;
  }

  get(bucket: string, namespace: string, name: string): KubeObject | undefined {
    const obj = this.buckets.get(bucket)?.get(key(namespace, name));
    return obj && structuredClone(obj);
  }

  /** Current objects, sorted by namespace then name; `namespace` undefined means every namespace. */
  list(bucket: string, namespace?: string): KubeObject[] {
    const all = [...(this.buckets.get(bucket)?.entries() ?? [])].sort(([a], [b]) => compareStrings(a, b));
    return all
      .filter(([, o]) => namespace === undefined || (o.metadata?.namespace ?? '') === namespace)
      .map(([, o]) => structuredClone(o));
  }

  /** The bucket's objects as they were at `rv`, rebuilt from the change log; 410 when it is compacted. */
  listAt(bucket: string, rv: number, namespace: string | undefined, what: string): KubeObject[] {
    if (rv >= this.rv) return this.list(bucket, namespace);
    if (rv < this.compactedRv) throw expired(what);
    const state = new Map([...(this.buckets.get(bucket)?.entries() ?? [])]);
    for (let i = this.window.length - 1; i >= 0 && Number(this.window[i]!.resourceVersion) > rv; i--) {
      const c = this.window[i]!;
      if (c.bucket !== bucket) continue;
      if (c.previous) state.set(key(c.namespace, c.name), c.previous);
      else state.delete(key(c.namespace, c.name));
    }
    return [...state.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .filter(([, o]) => namespace === undefined || (o.metadata?.namespace ?? '') === namespace)
      .map(([, o]) => structuredClone(o));
  }

  /** Changes after `rv` still in the window, or undefined when some of them are compacted away. */
  changesSince(rv: number): Change[] | undefined {
    if (rv < this.compactedRv) return undefined;
    const first = this.window.findIndex((c) => Number(c.resourceVersion) > rv);
    return first < 0 ? [] : this.window.slice(first);
  }

  /** Commits a change: assigns the next resourceVersion, stores, logs, and tells every listener in order. */
  commit(type: ChangeType, bucket: string, object: KubeObject): KubeObject {
    const meta = object.metadata!;
    const namespace = meta.namespace ?? '';
    const name = meta.name!;
    let objects = this.buckets.get(bucket);
    if (!objects) this.buckets.set(bucket, (objects = new Map()));
    const previous = objects.get(key(namespace, name));
    meta.resourceVersion = String(++this.rv);
    const stored = structuredClone(object);
    if (type === 'DELETED') objects.delete(key(namespace, name));
    else objects.set(key(namespace, name), stored);
    const change: Change = {
      resourceVersion: meta.resourceVersion,
      type,
      bucket,
      namespace,
      name,
      object: stored,
      previous,
    };
    this.window.push(change);
    this.history.push(change);
    if (this.history.length > this.historyLimit) this.history.shift();
    this.trim();
    for (const listener of [...this.listeners]) listener(change);
    return structuredClone(stored);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every committed change, oldest first (copies). */
  changes(): Change[] {
    return this.history.map((c) => structuredClone(c));
  }

  /** Drops every replayable change: watches and continues from before now get 410 Expired. */
  compact(): void {
    this.compactedRv = this.rv;
    this.window = [];
  }

  setWindow(size: number): void {
    this.windowSize = size;
    this.trim();
  }

  private trim(): void {
    const excess = this.window.length - this.windowSize;
    if (excess <= 0) return;
    this.compactedRv = Number(this.window[excess - 1]!.resourceVersion);
    this.window = this.window.slice(excess);
  }
}

function key(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}
