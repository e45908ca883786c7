import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { BadGatewayException } from '@nestjs/common';
import type { PlaybackSession } from '../../src/entities/playback-session.entity.js';
import type { AppConfig } from '../../src/modules/config/app-config.js';
import type { PlexCallers } from '../../src/modules/households/plex-callers.service.js';
import type { PlexClient } from '../../src/modules/plex/plex.client.js';
import { PlexUnreachableError } from '../../src/modules/plex/plex.errors.js';
import type { SessionAccess } from '../../src/modules/sessions/session-access.service.js';
import { AppEvents } from '../../src/modules/events/app-events.js';
import { rangeOf, readPlaylist } from '../../src/modules/streams/streams.service.js';
import { TranscodeSessions } from '../../src/modules/streams/transcode-sessions.service.js';
import type { TimelineScheduler } from '../../src/modules/timeline/timeline-scheduler.service.js';
import type { Clock } from '../../src/common/clock.js';

describe('rangeOf: a HEAD answers the range a GET would', () => {
  const size = 1000;
  it('selects first-last, open-ended and suffix ranges, a last position past the end cut to it', () => {
    assert.deepEqual(rangeOf('bytes=0-0', size), { start: 0, end: 0 });
    assert.deepEqual(rangeOf('bytes=100-199', size), { start: 100, end: 199 });
    assert.deepEqual(rangeOf('bytes=990-', size), { start: 990, end: 999 });
    assert.deepEqual(rangeOf('bytes=990-5000', size), { start: 990, end: 999 });
    assert.deepEqual(rangeOf('bytes=-10', size), { start: 990, end: 999 });
    assert.deepEqual(rangeOf('bytes=-5000', size), { start: 0, end: 999 });
  });
  it('refuses a range past the end, an empty suffix, first after last, and any range of an empty file', () => {
    for (const range of ['bytes=1000-', 'bytes=1000-1001', 'bytes=-0', 'bytes=500-100']) assert.equal(rangeOf(range, size), 'unsatisfiable', range);
    assert.equal(rangeOf('bytes=0-', 0), 'unsatisfiable');
    assert.equal(rangeOf('bytes=-1', 0), 'unsatisfiable');
  });
});

describe('readPlaylist', () => {
  it('reads a playlist whole', async () => {
    assert.equal(await readPlaylist(Readable.from([Buffer.from('#EXTM3U\n'), Buffer.from('a.ts\n')]), 1024, 'GET /p'), '#EXTM3U\na.ts\n');
  });
  it('refuses one too large (502) and destroys the upstream body', async () => {
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await assert.rejects(readPlaylist(body, 1000, 'GET /p'), BadGatewayException);
    assert.ok(body.destroyed);
  });
  it('turns a body Plex cut off into a Plex failure (answered 503), not an internal error', async () => {
    const body = new Readable({ read() {} });
    body.push('#EXTM3U\n');
    setImmediate(() => body.destroy(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
    await assert.rejects(readPlaylist(body, 1024, 'GET /video/:/transcode/universal/session/x/base/index.m3u8'), (error: unknown) => {
      assert.ok(error instanceof PlexUnreachableError);
      assert.match(error.message, /cut off/);
      return true;
    });
  });
});

describe('TranscodeSessions forgets a session\'s transcode when it changes item or ends (no growth over a long uptime)', () => {
  const sessionOf = (id: string, itemId: number) =>
    ({ id, profileId: 'p', deviceId: 'd', ratingKey: '104', playQueueItemId: itemId, state: 'playing', positionMs: 0, positionAt: 0, durationMs: 720_000 }) as unknown as PlaybackSession;
  const build = () => {
    const events = new AppEvents();
    const plex = {
      transcodeDecision: () => Promise.resolve({ generalCode: 1001 }),
      startTranscode: () => Promise.resolve('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nsession/x/base/index.m3u8\n'),
    } as unknown as PlexClient;
    const callers = { forDevice: () => ({ serverUrl: 'http://plex.lan:32400', token: 'plex-token' }) } as unknown as PlexCallers;
    const sessions = new Map<string, PlaybackSession>();
    const access = { withActive: (_caller: unknown, id: string, work: (s: PlaybackSession) => Promise<unknown>) => work(sessions.get(id)!) } as unknown as SessionAccess;
    const scheduler = { stopsDelivered: () => Promise.resolve() } as unknown as TimelineScheduler;
    const config = { plex: { timeoutMs: 1000 } } as unknown as AppConfig;
    const clock = { now: () => 0 } as unknown as Clock;
    const transcodes = new TranscodeSessions(plex, callers, access, scheduler, config, clock, events);
    return { events, sessions, transcodes };
  };
  const plan = { protocol: 'hls', transcodeType: 'video' } as const;

  it('holds one entry per session with a transcode, and none once they ended or moved on', async () => {
    const { events, sessions, transcodes } = build();
    for (let i = 0; i < 200; i++) {
      const session = sessionOf(`s${i}`, i);
      sessions.set(session.id, session);
      await transcodes.start(session, i, plan);
      await transcodes.start(session, i, plan); // the same transcode again: no second entry
    }
    assert.equal(transcodes.runningCount, 200);
    for (let i = 0; i < 200; i++) {
      const session = sessions.get(`s${i}`)!;
      if (i % 2 === 0) events.emit('session', { type: 'ended', session });
      else events.emit('session', { type: 'item-changed', session, previous: { ratingKey: '104', playQueueItemId: i, positionMs: 0, durationMs: null, startedAt: 0, leftAt: 0 } });
    }
    assert.equal(transcodes.runningCount, 0);
    events.emit('session', { type: 'progress', session: sessionOf('s1', 1), previousState: 'playing', previousPositionMs: 0 });
    assert.equal(transcodes.runningCount, 0);
  });
});
