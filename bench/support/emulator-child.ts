import { startScript } from '../processes.js';

export interface EmulatorChild {
  url: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/** The Plex emulator in a process of its own (bench/emulator-process.ts), its media parts `mediaBytes` large. */
export async function startEmulatorChild(mediaBytes: number): Promise<EmulatorChild> {
  const { child, value } = await startScript('dist/bench/emulator-process.js', { MEDIA_BYTES: String(mediaBytes) }, (line) =>
    line.startsWith('{') ? line : undefined,
  );
  const { url, token } = JSON.parse(value) as { url: string; token: string };
  return { url, token, pid: child.process.pid!, stop: () => child.stop() };
}

export interface MediaPartOf {
  /** The part's URL on the emulator (the Plex token goes in a header, as the proxy sends it). */
  url: string;
  size: number;
}

/** The first part of an item, straight from the emulator's metadata. */
export async function mediaPartOf(emulator: EmulatorChild, ratingKey: string): Promise<MediaPartOf> {
  const response = await fetch(`${emulator.url}/library/metadata/${ratingKey}`, {
    headers: { accept: 'application/json', 'x-plex-token': emulator.token },
  });
  if (!response.ok) throw new Error(`the emulator answered ${response.status} for item ${ratingKey}`);
  const body = (await response.json()) as { MediaContainer: { Metadata: { Media: { Part: { key: string; size: number }[] }[] }[] } };
  const part = body.MediaContainer.Metadata[0]?.Media[0]?.Part[0];
  if (!part) throw new Error(`item ${ratingKey} has no media part`);
  return { url: emulator.url + part.key, size: part.size };
}
