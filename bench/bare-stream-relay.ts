// The physical limit of a stream relayed by Node: a bare node:http server that GETs one media part from Plex with
// undici (as the proxy's Plex client does) and pipes the body to the player, Range passed through, nothing else.
// Started by the benchmark with PART_URL and PLEX_TOKEN; prints one JSON line {port} and runs until SIGTERM.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges'];

const part = new URL(process.env.PART_URL ?? '');
const token = process.env.PLEX_TOKEN ?? '';
const pool = new Pool(part.origin, { keepAliveTimeout: 30_000, bodyTimeout: 0 });

const server = createServer((req, res) => {
  const range = req.headers.range;
  const aborted = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  pool
    .request({ method: 'GET', path: part.pathname, headers: { 'x-plex-token': token, ...(range ? { range } : {}) }, signal: aborted.signal })
    .then((upstream) => {
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.statusCode = upstream.statusCode;
      upstream.body.on('error', () => res.destroy());
      upstream.body.pipe(res);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.close().then(() => process.exit(0));
});
