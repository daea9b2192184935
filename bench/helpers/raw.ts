// The floor every runtime benchmark measures against: undici's request() and JSON.parse, nothing else. Only undici
// is imported here, so a process that runs the floor loads nothing of kubegen's.
import { Agent } from 'undici';

/** A keep-alive undici Agent, as any user of undici would make one. */
export function rawAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000 });
}

/** GET `path` and JSON.parse the whole body: the least any client that lists can do. */
export async function rawGet<T>(agent: Agent, origin: string, path: string): Promise<T> {
  const res = await agent.request({ origin, path, method: 'GET', headers: { accept: 'application/json' } });
  return JSON.parse(await res.body.text()) as T;
}

/**
 * `rawGet` with the body's chunks joined and decoded in the call, rather than by undici's `text()`: the same work,
 * but no promise holds the text once it is parsed. V8 sizes the heap by what a major GC finds live, and one that ends
 * while that promise still holds a list's text finds it live, so the process collects less often (see
 * bench/runtime-list.ts).
 */
export async function rawGetJoined<T>(agent: Agent, origin: string, path: string): Promise<T> {
  const res = await agent.request({ origin, path, method: 'GET', headers: { accept: 'application/json' } });
  const chunks: Buffer[] = [];
  for await (const chunk of res.body as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

/**
 * A watch read the fastest plain way found: lines split in the body's bytes, each decoded and parsed (no
 * validation, no iterator); resolves to the number of events that carried a resourceVersion.
 */
export async function rawWatch(agent: Agent, origin: string, path: string): Promise<number> {
  const res = await agent.request({ origin, path, method: 'GET', headers: { accept: 'application/json' } });
  let count = 0;
  const parse = (line: string) => {
    const event = JSON.parse(line) as { type: string; object: { metadata: { resourceVersion: string } } };
    if (event.object.metadata.resourceVersion) count++;
  };
  let pending: Buffer | undefined;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10);
    if (pending) {
      // Only the split line is copied, never the whole chunk.
      if (nl < 0) {
        pending = Buffer.concat([pending, chunk]);
        continue;
      }
      parse(Buffer.concat([pending, chunk.subarray(0, nl)]).toString('utf8'));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    for (; nl >= 0; nl = chunk.indexOf(10, start)) {
      parse(chunk.toString('utf8', start, nl));
      start = nl + 1;
    }
    pending = start < chunk.length ? chunk.subarray(start) : undefined;
  }
  return count;
}
