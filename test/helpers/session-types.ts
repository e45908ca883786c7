/** The shapes of the proxy's answers, as the tests read them. */
export interface QueueItem {
  itemId: number;
  ratingKey: string;
  title: string;
  type: string;
  durationMs?: number;
}

export interface Session {
  id: string;
  state: string;
  positionMs: number;
  durationMs?: number;
  ratingKey: string;
  item: { ratingKey: string; title: string; type: string; durationMs?: number; grandparentTitle?: string };
  queue: { playQueueId: number; version: number; selectedItemId: number; items: QueueItem[] };
  deviceId: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  endedReason?: string;
  stream?: Stream;
}

export interface Stream {
  url: string;
  protocol: 'file' | 'hls';
  expiresAt: string;
  directPlay: boolean;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
  retryAfterSeconds?: number;
}
