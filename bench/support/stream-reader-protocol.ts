import type { BodyRead } from './body-reader.js';

/** One whole read the stream reader process is asked for. */
export interface StreamReadTask {
  url: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Its answer: the read, or why it failed. */
export type StreamReaderAnswer = { read: BodyRead; error?: undefined } | { error: string; read?: undefined };
