import { KeepAliveClient } from './keep-alive-client.js';

interface SessionWithStream {
  id: string;
  stream?: { url: string; protocol: string };
}

/**
 * Creates one direct-play session per TV through the API and returns the signed stream URL each answer carries:
 * what a player would open.
 */
export async function directPlayStreamUrls(proxyUrl: string, apiKey: string, ratingKey: string, count: number): Promise<string[]> {
  const client = new KeepAliveClient(proxyUrl, { authorization: `Bearer ${apiKey}` });
  try {
    const urls: string[] = [];
    for (let i = 0; i < count; i++) {
      const session = await client.expect<SessionWithStream>(201, 'POST', '/api/v1/sessions', { ratingKey }, { 'x-device-id': `bench-stream-tv-${i}` });
      if (session.stream?.protocol !== 'file') throw new Error(`session ${session.id} has no direct-play stream: ${JSON.stringify(session.stream)}`);
      urls.push(session.stream.url);
    }
    return urls;
  } finally {
    await client.close();
  }
}
