import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page answered with something other than a plain 200 HTML body (a redirect, a PDF, an error). */
export interface TestSiteResponse {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Never answer (the connection stays open until the site closes): for fetch timeouts. */
  hang?: boolean;
}

export interface TestSite {
  /** Origin of the site, without a trailing slash: `${url}/about`. */
  url: string;
  /** Every path (with query) requested, in order, robots.txt included. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A small website on 127.0.0.1 for crawler tests. `pages` maps paths ("/", "/about") to HTML or to
 * a response; other paths answer 404, and /robots.txt answers `robotsTxt` (404 when none is given).
 */
export async function startTestSite(
  pages: Record<string, string | TestSiteResponse>,
  robotsTxt?: string,
): Promise<TestSite> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (path === '/robots.txt' && robotsTxt !== undefined) return send(res, { contentType: 'text/plain', body: robotsTxt });
    const page = pages[path];
    if (page === undefined) return send(res, { status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' });
    send(res, typeof page === 'string' ? { body: page } : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function send(res: ServerResponse, response: TestSiteResponse): void {
  if (response.hang) return;
  const body = response.body ?? '';
  res.writeHead(response.status ?? 200, {
    'content-type': response.contentType ?? 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...response.headers,
  });
  res.end(body);
}
