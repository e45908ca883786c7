import { Agent } from 'node:http';
import { readBody } from './body-reader.js';
import type { PartSource } from './stream-throughput.js';

export interface FirstByteTimes {
  proxyMs: number[];
  directMs: number[];
}

/** Requests before the measured ones (connections opened, code paths warm). */
const WARMUP = 10;

/**
 * Time from sending `Range: bytes=<middle>-<middle+length-1>` to the first body byte, through the proxy and
 * straight from the emulator in turn. Each side keeps one keep-alive connection (a player seeking reuses its
 * connection; the proxy keeps its own to Plex), so connection setup is not part of the figure.
 */
export async function rangeFirstByte(proxy: PartSource, direct: PartSource, size: number, length: number, requests: number): Promise<FirstByteTimes> {
  const start = Math.floor(size / 2);
  const range = `bytes=${start}-${start + length - 1}`;
  const agents = { proxy: new Agent({ keepAlive: true, maxSockets: 1 }), direct: new Agent({ keepAlive: true, maxSockets: 1 }) };
  const times: FirstByteTimes = { proxyMs: [], directMs: [] };
  try {
    for (let i = 0; i < WARMUP + requests; i++) {
      const directMs = await firstByteMs(direct, range, length, agents.direct);
      const proxyMs = await firstByteMs(proxy, range, length, agents.proxy);
      if (i < WARMUP) continue;
      times.directMs.push(directMs);
      times.proxyMs.push(proxyMs);
    }
    return times;
  } finally {
    agents.proxy.destroy();
    agents.direct.destroy();
  }
}

async function firstByteMs(source: PartSource, range: string, length: number, agent: Agent): Promise<number> {
  const read = await readBody(source.url, { headers: { ...source.headers, range }, agent, timeoutMs: 10_000 });
  if (read.status !== 206 || read.bytes !== length) throw new Error(`${range} answered ${read.status} with ${read.bytes} bytes`);
  return read.firstByteMs;
}
