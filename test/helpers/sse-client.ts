import { createParser } from 'eventsource-parser';

/** A real SSE client over HTTP (fetch and a streaming body), recording every event and comment it receives. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Everything received, as text. */
  raw: string;
  /** Resolves once the server closed the stream. */
  closed: Promise<void>;
  /** The events of `type`, their data parsed. */
  ofType<T = Record<string, unknown>>(type: string): (T & { id?: string })[];
  /** Waits until `predicate` holds for the events received (real time; the events travel over a real socket). */
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const connection: SseConnection = {
    status: response.status,
    headers: response.headers,
    events: [],
    comments: [],
    raw: '',
    closed: Promise.resolve(),
    ofType: <T>(type: string) =>
      connection.events.filter((e) => e.event === type).map((e) => ({ ...(JSON.parse(e.data) as T), id: e.id })),
    waitFor: async (predicate, timeoutMs = 5_000) => {
      const until = Date.now() + timeoutMs;
      while (!predicate(connection.events)) {
        if (Date.now() > until) throw new Error(`timed out waiting for events; got ${JSON.stringify(connection.events.map((e) => e.event))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) {
    connection.raw = await response.text();
    return connection;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = createParser({
    onEvent: (message) => connection.events.push({ id: message.id, event: message.event, data: message.data }),
    onComment: (comment) => connection.comments.push(comment.trim()),
  });
  connection.closed = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        connection.raw += value;
        parser.feed(value);
      }
    } catch {
      // aborted by close()
    }
  })();
  return connection;
}
