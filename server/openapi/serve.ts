// /openapi/v2 (JSON, or protobuf: openapi-protobuf.ts) and /openapi/v3 as kube-apiserver serves them: the v3
// index names each group-version's document with a content hash; documents carry an ETag and answer
// If-None-Match with 304.
// Custom resources' documents are merged into their group-version's document as they are installed. Given v2
// alone, the v3 documents are made from it (and v2 from v3 alone): kube-apiserver always serves both.
import { createHash } from 'node:crypto';
import { encodeOpenApiV2 } from './protobuf.js';
import { v2FromV3, v2Schema } from './v2.js';
import { v3FromV2 } from './v3.js';

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
  private v2Doc: Doc | undefined;
  private v2Published: Published | undefined;
  private v2ProtobufPublished: Published | undefined;

  constructor(v2: Doc | undefined, v3: Map<string, Doc>) {
    this.v2Base = v2;
    for (const [path, doc] of v3.size === 0 && v2 ? v3FromV2(v2) : v3) this.base.set(path, doc);
  }

  /** Publishes (or replaces) one CRD's document for a group-version path. */
  setCustom(path: string, crdName: string, doc: Doc): void {
    let byCrd = this.custom.get(path);
    if (!byCrd) this.custom.set(path, (byCrd = new Map()));
    byCrd.set(crdName, doc);
    this.published.delete(path);
    this.forgetV2();
  }

  removeCustom(crdName: string): void {
    for (const [path, byCrd] of this.custom) {
      if (byCrd.delete(crdName)) this.published.delete(path);
      if (byCrd.size === 0) this.custom.delete(path);
    }
    this.forgetV2();
  }

  paths(): string[] {
    return [...new Set([...this.base.keys(), ...this.custom.keys()])].sort();
  }

  /** The v3 index: `{ paths: { 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=…' } } }`. */
  index(): Doc {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const path of this.paths())
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${this.v3(path)!.hash}` };
    return { paths };
  }

  v3(path: string): Published | undefined {
    let p = this.published.get(path);
    if (p) return p;
    const parts = [this.base.get(path), ...(this.custom.get(path)?.values() ?? [])].filter(
      (d): d is Doc => d !== undefined,
    );
    if (parts.length === 0) return undefined;
    p = publish(Buffer.from(JSON.stringify(parts.reduce(mergeV3))));
    this.published.set(path, p);
    return p;
  }

  v2(): Published | undefined {
    if (!this.v2Base && this.base.size > 0) this.v2Base = v2FromV3([...this.base.values()]);
    if (!this.v2Base) return undefined;
    if (!this.v2Published) {
      const doc = structuredClone(this.v2Base);
      const definitions = (doc.definitions ??= {}) as Doc;
      for (const byCrd of this.custom.values()) {
        for (const d of byCrd.values()) {
          const schemas = ((d.components as Doc | undefined)?.schemas ?? {}) as Doc;
          for (const [name, schema] of Object.entries(schemas)) definitions[name] ??= v2Schema(schema);
        }
      }
      this.v2Doc = doc;
      this.v2Published = publish(Buffer.from(JSON.stringify(doc)));
    }
    return this.v2Published;
  }

  /** The same v2 document in gnostic's protobuf encoding (what kubectl asks for). */
  v2Protobuf(): Published | undefined {
    if (!this.v2()) return undefined;
    this.v2ProtobufPublished ??= publish(encodeOpenApiV2(this.v2Doc!));
    return this.v2ProtobufPublished;
  }

  private forgetV2(): void {
    this.v2Doc = undefined;
    this.v2Published = undefined;
    this.v2ProtobufPublished = undefined;
  }
}

function publish(body: Buffer): Published {
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
