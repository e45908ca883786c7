import { Pool } from 'undici';

export interface TimedResponse {
  status: number;
  text: string;
  /** From sending the request to the last byte of the answer. */
  ms: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One keep-alive connection to one origin (undici Pool), the way the proxy itself talks to Plex. */
export class KeepAliveClient {
  private readonly pool: Pool;

  constructor(
    origin: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.pool = new Pool(origin, { connections: 1, keepAliveTimeout: 30_000 });
  }

  async send(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TimedResponse> {
    const started = performance.now();
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...this.headers,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text, ms: performance.now() - started };
  }

  /** Sends and insists on the status; returns the parsed JSON answer. */
  async expect<T>(status: number, method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await this.send(method, path, body, headers);
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${status}: ${response.text.slice(0, 300)}`);
    }
    return JSON.parse(response.text) as T;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
