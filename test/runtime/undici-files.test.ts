// The runtime loads undici's dispatcher files, not its index (fetch, WebSocket, mocks, caches: start-up a program
// would pay before its first call). The built runtime, in a process of its own, imports and makes a request on
// loopback without undici's index; its sources take only types from the index.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/shared.ts';

const runtime = join(projectRoot, 'runtime');

const script = `const { createServer } = require('node:http');
const undici = () => Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]/.test(k));
const { connect } = require(${JSON.stringify(join(runtime, 'dist', 'index.js'))});
const imported = undici();
// undici's own files call these on dispatchers (ProxyAgent's CONNECT tunnel calls connect), as its index adds them.
const api = ['request', 'stream', 'pipeline', 'connect', 'upgrade'].filter(
  (m) => typeof require('undici/lib/dispatcher/dispatcher.js').prototype[m] === 'function');
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'default' } }));
}).listen(0, '127.0.0.1', async () => {
  const client = await connect({ explicit: { server: 'http://127.0.0.1:' + server.address().port } });
  const got = await client.request({ verb: 'get', method: 'GET', path: '/api/v1/namespaces/default' });
  await client.close();
  server.close();
  console.log(JSON.stringify({ imported, api, requested: undici(), name: got.metadata.name }));
});`;

describe('undici files the runtime loads', () => {
  it("imports and makes a request without undici's index, fetch or WebSocket, its dispatchers carrying undici's API", () => {
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: projectRoot, encoding: 'utf8' })) as {
      imported: string[];
      api: string[];
      requested: string[];
      name: string;
    };
    assert.equal(out.name, 'default');
    assert.deepEqual(out.api, ['request', 'stream', 'pipeline', 'connect', 'upgrade']);
    assert.ok(
      out.imported.some((f) => /lib[\\/]dispatcher[\\/]pool\.js$/.test(f)),
      out.imported.join('\n'),
    );
    for (const f of out.requested)
      assert.ok(!/undici[\\/]index\.js$|lib[\\/](web|mock|cache|interceptor)[\\/]/.test(f), `loaded ${f}`);
  });

  it('takes only types from the index in its sources', () => {
    const values: string[] = [];
    for (const file of readdirSync(runtime, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.startsWith('dist') || file.startsWith('node_modules')) continue;
      const text = readFileSync(join(runtime, file), 'utf8');
      for (const m of text.matchAll(/^import (?!type )[^;]*from 'undici';$/gm)) values.push(`${file}: ${m[0]}`);
      if (/require\('undici'\)|import\('undici'\)/.test(text)) values.push(`${file}: loads the index`);
    }
    assert.deepEqual(values, []);
  });
});
