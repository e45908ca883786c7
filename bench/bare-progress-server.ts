// The physical limit the proxy's progress endpoint is measured against: a bare node:http server doing the same
// work by hand (authentication, JSON body, validation, a session looked up in a Map, a same-sized JSON answer).
// Forked by the benchmark; it gets its setup over IPC and exits when the benchmark disconnects.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BareServerReady, BareServerSetup } from './support/bare-server-protocol.js';

const PROGRESS_PATH = /^\/api\/v1\/sessions\/([^/?]+)\/progress$/;
const STATES = new Set(['playing', 'paused', 'buffering', 'stopped']);
const MAX_POSITION_MS = 2_147_483_647;
const BODY_LIMIT_BYTES = 64 * 1024;

type Session = Record<string, unknown>;

function start(setup: BareServerSetup): void {
  const expected = Buffer.from(`Bearer ${setup.adminToken}`);
  const sessions = new Map<string, Session>(setup.sessionIds.map((id) => [id, { ...setup.template, id }]));
  const spinMs = (setup.spinMicros ?? 0) / 1000;

  const server = createServer((req, res) => {
    const match = req.method === 'POST' ? PROGRESS_PATH.exec(req.url ?? '') : null;
    if (!match) return sendError(res, 404, 'not found');
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return sendError(res, 401, 'unauthorized');
    if (!req.headers['content-type']?.startsWith('application/json')) return sendError(res, 415, 'unsupported media type');
    readBody(req, res, (text) => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendError(res, 400, 'malformed JSON');
      }
      const problem = validate(body);
      if (problem) return sendError(res, 400, problem);
      const session = sessions.get(match[1]);
      if (!session) return sendError(res, 404, `session ${match[1]} not found`);
      const { state, positionMs } = body as { state: string; positionMs: number };
      session.state = state;
      session.positionMs = positionMs;
      session.updatedAt = new Date().toISOString();
      if (spinMs > 0) spin(spinMs);
      send(res, 200, session);
    });
  });
  server.keepAliveTimeout = 72_000;
  server.listen(0, '127.0.0.1', () => {
    const ready: BareServerReady = { port: (server.address() as AddressInfo).port };
    process.send!(ready);
  });
  process.once('disconnect', () => process.exit(0));
}

/** The same rules as ReportProgressDto: exactly `state` (a known state) and `positionMs` (0 to 2^31-1, integer). */
function validate(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be an object';
  const { state, positionMs, ...unknown } = body as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) return `property ${extra[0]} should not exist`;
  if (typeof state !== 'string' || !STATES.has(state)) return 'state must be one of playing, paused, buffering, stopped';
  if (!Number.isInteger(positionMs)) return 'positionMs must be an integer number of milliseconds';
  if ((positionMs as number) < 0 || (positionMs as number) > MAX_POSITION_MS) return 'positionMs out of range';
  return undefined;
}

let spinSink = 0;

/** Arithmetic until `ms` have passed; it allocates nothing (no garbage collector work on top). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  let x = spinSink;
  while (performance.now() < until) for (let i = 0; i < 64; i++) x = (x * 31 + i) | 0;
  spinSink = x;
}

function readBody(req: IncomingMessage, res: ServerResponse, then: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  req.once('end', () => {
    if (size > BODY_LIMIT_BYTES) return sendError(res, 413, 'payload too large');
    then(Buffer.concat(chunks).toString('utf8'));
  });
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, { statusCode: status, message });
}

process.once('message', (setup: BareServerSetup) => start(setup));
