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
  let pending = '';
  connection.closed = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        connection.raw += value;
        pending += value;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          parseBlock(pending.slice(0, end), connection);
          pending = pending.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return connection;
}

function parseBlock(block: string, connection: SseConnection): void {
  const event: SseEvent = { data: '' };
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) connection.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) event.id = line.slice(4);
    else if (line.startsWith('event: ')) event.event = line.slice(7);
    else if (line.startsWith('data: ')) {
      event.data += (hasData ? '\n' : '') + line.slice(6);
      hasData = true;
    }
  }
  if (hasData) connection.events.push(event);
}
