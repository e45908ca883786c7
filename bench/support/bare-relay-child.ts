import { startScript } from '../processes.js';
import type { MediaPartOf } from './emulator-child.js';

export interface BareRelayChild {
  /** Any path of it serves the part. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The bare relay (bench/bare-stream-relay.ts) of one part, in a process of its own like the proxy. */
export async function startBareRelay(part: MediaPartOf, plexToken: string): Promise<BareRelayChild> {
  const { child, value } = await startScript('dist/bench/bare-stream-relay.js', { PART_URL: part.url, PLEX_TOKEN: plexToken }, (line) =>
    line.startsWith('{') ? line : undefined,
  );
  const { port } = JSON.parse(value) as { port: number };
  return { url: `http://127.0.0.1:${port}/file.ts`, pid: child.process.pid!, stop: () => child.stop() };
}
