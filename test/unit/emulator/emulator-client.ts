// A tiny fetch client for the emulator tests: sends what a careful Plex client sends.
import type { PlexEmulator } from '../../../emulator/index.js';

export interface PlexResponse {
  status: number;
  text: string;
  /** Parsed body when it is JSON. */
  json: PlexJson;
}

/** Loose view of a Plex JSON answer, enough for assertions. */
export interface PlexJson {
  MediaContainer: Record<string, unknown> & { Metadata?: Record<string, unknown>[] };
}

export interface ClientOptions {
  token?: string | null;
  clientIdentifier?: string | null;
  sessionIdentifier?: string;
}

export class EmulatorClient {
  constructor(
    private readonly emulator: PlexEmulator,
    private readonly options: ClientOptions = {},
  ) {}

  as(options: ClientOptions): EmulatorClient {
    return new EmulatorClient(this.emulator, { ...this.options, ...options });
  }

  async request(
    method: string,
    path: string,
    query: Record<string, string | number> = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<PlexResponse> {
    const url = new URL(this.emulator.url + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Plex-Product': 'Emulator Tests' };
    const token = this.options.token === undefined ? this.emulator.token : this.options.token;
    if (token !== null) headers['X-Plex-Token'] = token;
    const clientIdentifier = this.options.clientIdentifier === undefined ? 'test-tv-1' : this.options.clientIdentifier;
    if (clientIdentifier !== null) headers['X-Plex-Client-Identifier'] = clientIdentifier;
    if (this.options.sessionIdentifier) headers['X-Plex-Session-Identifier'] = this.options.sessionIdentifier;
    const response = await fetch(url, { method, headers: { ...headers, ...extraHeaders } });
    const text = await response.text();
    let json: PlexJson = { MediaContainer: {} };
    if (response.headers.get('content-type')?.includes('application/json')) json = JSON.parse(text) as PlexJson;
    return { status: response.status, text, json };
  }

  get(path: string, query?: Record<string, string | number>) {
    return this.request('GET', path, query);
  }
  post(path: string, query?: Record<string, string | number>) {
    return this.request('POST', path, query);
  }
  put(path: string, query?: Record<string, string | number>) {
    return this.request('PUT', path, query);
  }
  delete(path: string, query?: Record<string, string | number>) {
    return this.request('DELETE', path, query);
  }

  /** Creates a play queue and returns its container. */
  async createQueue(query: Record<string, string | number>): Promise<Record<string, unknown>> {
    const response = await this.post('/playQueues', query);
    if (response.status !== 200) throw new Error(`POST /playQueues answered ${response.status}: ${response.text}`);
    return response.json.MediaContainer;
  }

  timeline(query: Record<string, string | number>) {
    return this.post('/:/timeline', query);
  }
}

export function libraryUri(emulator: PlexEmulator, ratingKey: string, suffix = ''): string {
  return `server://${emulator.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${ratingKey}${suffix}`;
}

export function ratingKeyOf(emulator: PlexEmulator, title: string): string {
  const item = emulator.library.items.find((candidate) => candidate.title === title);
  if (!item) throw new Error(`no demo item titled ${title}`);
  return item.ratingKey;
}

export function metadataOf(container: Record<string, unknown>): Record<string, unknown>[] {
  return (container.Metadata as Record<string, unknown>[] | undefined) ?? [];
}

export function itemIds(container: Record<string, unknown>): number[] {
  return metadataOf(container).map((item) => item.playQueueItemID as number);
}

export function ratingKeys(container: Record<string, unknown>): string[] {
  return metadataOf(container).map((item) => item.ratingKey as string);
}
