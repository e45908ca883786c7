import { createParser } from 'eventsource-parser';
import type { components } from './schema.js';

type Schemas = components['schemas'];

/** An event of a profile's stream (`GET /api/v1/events`); `type` tells which. */
export type LiveEvent =
  | Schemas['SessionCreatedEventDto']
  | Schemas['SessionUpdatedEventDto']
  | Schemas['SessionEndedEventDto']
  | Schemas['ProgressChangedEventDto']
  | Schemas['ResyncEventDto'];

/** An event of the admin's stream (`GET /api/v1/admin/events`): every profile's, and household changes. */
export type AdminLiveEvent = LiveEvent | Schemas['ProfileChangedEventDto'] | Schemas['KeyChangedEventDto'] | Schemas['DeviceChangedEventDto'];

export interface EventStreamOptions<E> {
  /** Where the proxy answers, e.g. `http://192.168.1.20:3000`. */
  baseUrl: string;
  /** A profile's key, or the admin token for the admin stream. */
  apiKey: string;
  /** `admin` for `GET /api/v1/admin/events`; the profile's stream otherwise. */
  stream?: 'profile' | 'admin';
  /** Every event, in order, each exactly once across reconnections. On `resync`, read the state again. */
  onEvent: (event: E, id: string | undefined) => void;
  /** A connection failed or ended; the helper reconnects after `retry` (a refused key stops it: `fatal` is true). */
  onError?: (error: Error, fatal: boolean) => void;
  /** Start after this event id (from an earlier run), as `Last-Event-ID`. */
  lastEventId?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** Waits between reconnections (the server's `retry:` wins once it has sent one); 3000 ms by default. */
  retryMs?: number;
}

export interface EventStream {
  /** The id of the last event received: what a reconnection starts after. */
  readonly lastEventId: string | undefined;
  /** Stops the stream for good. */
  close(): void;
  /** Settles once the stream is closed (or stopped by a refused key). */
  readonly done: Promise<void>;
}

/**
 * Follows a live event stream with `fetch` (an `EventSource` cannot send the key), reconnecting with `Last-Event-ID`
 * whenever the connection ends or fails, so nothing is missed or repeated while the proxy still has it; when it has
 * not, the stream says `resync`.
 */
export function followEvents<E extends { type: string } = LiveEvent>(options: EventStreamOptions<E>): EventStream {
  const path = options.stream === 'admin' ? '/api/v1/admin/events' : '/api/v1/events';
  const doFetch = options.fetch ?? fetch;
  const closing = new AbortController();
  let lastEventId = options.lastEventId;
  let retryMs = options.retryMs ?? 3_000;

  const connect = async (): Promise<'again' | 'stop'> => {
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${options.apiKey}` };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await doFetch(options.baseUrl + path, { headers, signal: closing.signal });
    if (response.status === 401 || response.status === 403) {
      options.onError?.(new Error(`the event stream refused the key (${response.status})`), true);
      return 'stop';
    }
    if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
    const parser = createParser({
      onId: (id) => (lastEventId = id),
      onEvent: (message) => options.onEvent(JSON.parse(message.data) as E, message.id),
      onRetry: (ms) => (retryMs = ms),
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    return 'again';
  };

  const done = (async () => {
    while (!closing.signal.aborted) {
      try {
        if ((await connect()) === 'stop') return;
        if (!closing.signal.aborted) options.onError?.(new Error('the event stream ended'), false);
      } catch (error) {
        if (closing.signal.aborted) return;
        options.onError?.(error instanceof Error ? error : new Error(String(error)), false);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        closing.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();

  return {
    get lastEventId() {
      return lastEventId;
    },
    close: () => closing.abort(),
    done,
  };
}
