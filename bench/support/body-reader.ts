import { request, type Agent } from 'node:http';

export interface BodyRead {
  status: number;
  /** Body bytes received. */
  bytes: number;
  /** From sending the request to the first body byte. */
  firstByteMs: number;
  /** From sending the request to the last body byte. */
  totalMs: number;
}

export interface BodyReadOptions {
  headers?: Record<string, string>;
  /** Keep-alive agent to reuse a connection; by default a fresh connection for this request. */
  agent?: Agent;
  /** Read no faster than this (the reader pauses when ahead, so the sender meets back-pressure). */
  bytesPerSecond?: number;
  /** The request is abandoned (and the promise rejected) past this. */
  timeoutMs?: number;
}

/** Pauses shorter than this are not worth a timer: the reader catches up on the next chunk. */
const MIN_PAUSE_MS = 20;

/**
 * GETs a URL with node:http and reads the whole body, counting the bytes and discarding them: the cheapest client
 * there is, so that what is measured is the server's side.
 */
export function readBody(url: string, options: BodyReadOptions = {}): Promise<BodyRead> {
  const { headers = {}, agent, bytesPerSecond, timeoutMs = 60_000 } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs: number | undefined;
    let bytes = 0;
    const req = request(url, { headers, agent: agent ?? false }, (res) => {
      res.on('data', (chunk: Buffer) => {
        firstByteMs ??= performance.now() - started;
        bytes += chunk.length;
        if (bytesPerSecond === undefined) return;
        const aheadMs = (1000 * bytes) / bytesPerSecond - (performance.now() - started);
        if (aheadMs >= MIN_PAUSE_MS) {
          res.pause();
          setTimeout(() => res.resume(), aheadMs);
        }
      });
      res.once('end', () => {
        clearTimeout(timer);
        const totalMs = performance.now() - started;
        resolve({ status: res.statusCode ?? 0, bytes, firstByteMs: firstByteMs ?? totalMs, totalMs });
      });
      res.once('error', fail);
      res.once('close', () => {
        if (!res.complete) fail(new Error(`the answer from ${redact(url)} was cut short after ${bytes} bytes`));
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`reading ${redact(url)} took more than ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    req.once('error', fail);
    req.end();
  });
}

/** Stream URLs carry their signed token in the path: not worth printing whole. */
const redact = (url: string) => url.replace(/\/streams\/[^/]+\//, '/streams/…/');
