import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** Everything a player received from stream URLs in this test process (URLs, headers, text bodies), for the secret scan. */
export const playerSaw: string[] = [];

export interface PlayerResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** Opens a URL as a TV's player would: no key, no custom header but Range. */
export async function play(url: string, range?: string): Promise<PlayerResponse> {
  const response = await fetch(url, { headers: range ? { range } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = /mpegurl|json|text/.test(type) ? bytes.toString('utf8') : '';
  playerSaw.push(url, JSON.stringify([...response.headers]), text);
  return { status: response.status, headers: response.headers, bytes, text };
}

/** The URIs of a playlist: URI lines and `URI="…"` attributes. */
export function playlistUris(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const trimmed = line.trim();
    if (trimmed === '') return [];
    if (!trimmed.startsWith('#')) return [trimmed];
    return [...trimmed.matchAll(/URI="([^"]*)"/g)].map((match) => match[1] ?? '');
  });
}

/** The claims inside a stream URL's token (readable by design), e.g. to look for secrets in them too. */
export function tokenClaims(url: string): Record<string, unknown> {
  const token = new URL(url).pathname.split('/')[4] ?? '';
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same URL with its token changed: one character of the part chosen. */
export function tampered(url: string, where: 'payload' | 'signature'): string {
  const parsed = new URL(url);
  const parts = parsed.pathname.split('/');
  const [payload = '', signature = ''] = (parts[4] ?? '').split('.');
  const flip = (text: string) => (text[10] === 'A' ? 'B' : 'A');
  parts[4] =
    where === 'payload'
      ? `${payload.slice(0, 10)}${flip(payload)}${payload.slice(11)}.${signature}`
      : `${payload}.${signature.slice(0, 10)}${flip(signature)}${signature.slice(11)}`;
  parsed.pathname = parts.join('/');
  return parsed.toString();
}

/** Waits until `check` holds (polling), or fails with `message`. */
export async function eventually(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GET with a Host header of the test's choosing (fetch will not send one): the status and the parsed body. */
export function getWithHost(url: string, host: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { ...headers, host }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}
