// /openapi/v2 and /openapi/v3 as kube-apiserver serves them: the v3 index names each group-version's
// document with a content hash; documents carry an ETag and answer If-None-Match with 304.
// Custom resources' documents are merged into their group-version's document as they are installed.
import { createHash } from 'node:crypto';

type Doc = Record<string, unknown>;

interface Published {
  body: Buffer;
  hash: string;
}

export class OpenApiDocuments {
  /** Built-in v3 documents by path (`api/v1`, `apis/apps/v1`). */
  private readonly base = new Map<string, Doc>();
  /** Custom resources' v3 documents by path, then by CRD name. */
  private readonly custom = new Map<string, Map<string, Doc>>();
  private readonly published = new Map<string, Published>();
  private v2Base: Doc | undefined;
  private v2Published: Published | undefined;

  constructor(v2: Doc | undefined, v3: Map<string, Doc>) {
    this.v2Base = v2;
    for (const [path, doc] of v3) this.base.set(path, doc);
  }

  get hasV2(): boolean {
    return this.v2Base !== undefined;
  }

  /** Publishes (or replaces) one CRD's document for a group-version path. */
  setCustom(path: string, crdName: string, doc: Doc): void {
    let byCrd = this.custom.get(path);
    if (!byCrd) this.custom.set(path, (byCrd = new Map()));
    byCrd.set(crdName, doc);
    this.published.delete(path);
    this.v2Published = undefined;
  }

  removeCustom(crdName: string): void {
    for (const [path, byCrd] of this.custom) {
      if (byCrd.delete(crdName)) this.published.delete(path);
      if (byCrd.size === 0) this.custom.delete(path);
    }
    this.v2Published = undefined;
  }

  paths(): string[] {
    return [...new Set([...this.base.keys(), ...this.custom.keys()])].sort();
  }

  /** The v3 index: `{ paths: { 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=…' } } }`. */
  index(): Doc {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const path of this.paths()) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${this.v3(path)!.hash}` };
    return { paths };
  }

  v3(path: string): Published | undefined {
    let p = this.published.get(path);
    if (p) return p;
    const parts = [this.base.get(path), ...(this.custom.get(path)?.values() ?? [])].filter((d): d is Doc => d !== undefined);
    if (parts.length === 0) return undefined;
    p = publish(parts.reduce(mergeV3));
    this.published.set(path, p);
    return p;
  }

  v2(): Published | undefined {
    if (!this.v2Base) return undefined;
    if (!this.v2Published) {
      const doc = structuredClone(this.v2Base);
      const definitions = (doc.definitions ??= {}) as Doc;
      for (const byCrd of this.custom.values()) {
        for (const d of byCrd.values()) {
          const schemas = ((d.components as Doc | undefined)?.schemas ?? {}) as Doc;
          for (const [name, schema] of Object.entries(schemas)) definitions[name] ??= toV2Refs(schema);
        }
      }
      this.v2Published = publish(doc);
    }
    return this.v2Published;
  }
}

function publish(doc: Doc): Published {
  const body = Buffer.from(JSON.stringify(doc));
  return { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
}

/** Merges two group-version documents: paths and component schemas side by side. */
function mergeV3(a: Doc, b: Doc): Doc {
  const schemasOf = (d: Doc) => ((d.components as Doc | undefined)?.schemas ?? {}) as Doc;
  return {
    ...a,
    paths: { ...((a.paths as Doc | undefined) ?? {}), ...((b.paths as Doc | undefined) ?? {}) },
    components: { ...((a.components as Doc | undefined) ?? {}), schemas: { ...schemasOf(a), ...schemasOf(b) } },
  };
}

function toV2Refs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/definitions/'));
}
