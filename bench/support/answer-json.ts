import type { PlaybackSession, QueueItemSnapshot } from '../../src/entities/playback-session.entity.js';
import { toSessionDto } from '../../src/modules/sessions/session-view.js';
import { median, round } from './stats.js';

/**
 * As many items as the proxy keeps of a queue: Plex's window of 200 on each side of the current one. The bench's
 * emulator has a long show of this many episodes, whose first one played with `continuous` gives such a queue.
 */
export const LONG_QUEUE_ITEMS = 401;
const ANSWERS_PER_ROUND = 2_000;
const ROUNDS = 7;

export interface AnswerJsonFigures {
  bytes: number;
  /** µs per answer, built (toSessionDto) and written as JSON, median of the rounds. */
  stringifyMicros: number;
}

/**
 * The progress answer of a session with a long queue (a long show played with `continuous`), built and written as
 * JSON in this process: what an unchanged queue costs each report, without the rest of a call around it (the
 * progress stage also loads such sessions).
 */
export function answerJsonFigures(): AnswerJsonFigures {
  const session = longQueueSession();
  const rounds: number[] = [];
  let bytes = 0;
  for (let pass = 0; pass < ROUNDS; pass++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < ANSWERS_PER_ROUND; i++) bytes = Buffer.byteLength(JSON.stringify(toSessionDto(session, session.positionAt + i)));
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / ANSWERS_PER_ROUND);
  }
  return { bytes, stringifyMicros: round(median(rounds), 1) };
}

function longQueueSession(): PlaybackSession {
  const queueItems: QueueItemSnapshot[] = Array.from({ length: LONG_QUEUE_ITEMS }, (_, i) => ({
    itemId: 1000 + i,
    ratingKey: String(50_000 + i),
    title: `Episode ${(i % 22) + 1} of season ${Math.floor(i / 22) + 1}`,
    type: 'episode',
    durationMs: 1_320_000 + i * 1000,
    grandparentTitle: 'A Long Show',
    parentIndex: Math.floor(i / 22) + 1,
    index: (i % 22) + 1,
    thumb: `/library/metadata/${50_000 + i}/thumb/1700000000`,
    part: { id: 90_000 + i, key: `/library/parts/${90_000 + i}/1700000000/file.mkv`, container: 'mkv' },
  }));
  const current = queueItems[200];
  const now = Date.now();
  // Only what toSessionDto reads; the entity's other columns do not enter an answer.
  return {
    id: '3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e',
    ratingKey: current.ratingKey,
    state: 'playing',
    positionMs: 600_000,
    positionAt: now,
    durationMs: current.durationMs ?? null,
    playQueueId: 17,
    playQueueVersion: 1,
    playQueueItemId: current.itemId,
    queueItems,
    deviceId: 'tv-livingroom',
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    endReason: null,
  } as Partial<PlaybackSession> as PlaybackSession;
}
