// A loopback proxy in front of a test API server whose /openapi/v3 index leaves out some group-versions, as a
// cluster with an aggregated API that publishes no OpenAPI does; everything else passes through.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenApiProxy {
  url: string;
  close(): Promise<void>;
}

export async function proxyHidingV3(target: string, hidden: string[]): Promise<OpenApiProxy> {
  const server: Server = createServer(async (req, res) => {
    const upstream = await fetch(target + (req.url ?? '/'), {
      headers: { accept: req.headers.accept ?? 'application/json' },
    });
    let body = Buffer.from(await upstream.arrayBuffer());
    if (upstream.ok && new URL(req.url ?? '/', 'http://proxy.invalid').pathname === '/openapi/v3') {
      const index = JSON.parse(body.toString('utf8')) as { paths: Record<string, unknown> };
      for (const path of hidden) delete index.paths[path];
      body = Buffer.from(JSON.stringify(index));
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
