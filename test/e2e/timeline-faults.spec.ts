// A failing Plex call never stalls a session: for each Plex operation on the report path, a fault of the
// emulator, and a playing session that goes through next, a stop at 95 % and a restart of the proxy. The real
// app runs in this process on fake time (so retries and intervals are exact), the emulator on a real port.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlexEmulator, RecordedRequest } from '../../emulator/index.js';
import { BACKGROUND_RETRY } from '../../src/common/background-tasks.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { uncoveredProblems } from '../conformance/named-exceptions.js';
import { checkRequest, loadPlexSpec, specOrSkip } from '../conformance/plex-spec.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';

const INTERVAL = 10_000;
/** Past PLEX_TIMEOUT_MS (below): a time-out. */
const TIMING_OUT_MS = 1000;
/** Long enough for every played check and queue refresh to run all its tries. */
const RETRIES_SETTLE_MS = 2 * 60_000;

const PREFS = { path: '/:/prefs' };
const METADATA = { method: 'GET', path: /^\/library\/metadata\/\d+$/ };
const SCROBBLE = { path: '/:/scrobble' };
const PLAY_QUEUE_GET = { method: 'GET', path: /^\/playQueues\/\d+$/ };

interface FaultCase {
  name: string;
  apply: (plex: PlexEmulator) => void;
  /** The stop at 95 % happens while Plex is unreachable, so Plex does not mark it and the proxy must scrobble. */
  offlineStop?: boolean;
  /** Plex ends up with the finished item played (false: the fault keeps the proxy from ever telling it). */
  playedInPlex?: boolean;
}

const FAULTS: FaultCase[] = [
  { name: 'GET /:/prefs answers 401', apply: (plex) => plex.faults.fail(PREFS, 401) },
  { name: 'GET /:/prefs answers 404', apply: (plex) => plex.faults.fail(PREFS, 404) },
  { name: 'GET /:/prefs answers 500', apply: (plex) => plex.faults.fail(PREFS, 500) },
  { name: 'GET /:/prefs times out', apply: (plex) => plex.faults.delay(PREFS, TIMING_OUT_MS) },
  { name: 'metadata answers 500', apply: (plex) => plex.faults.fail(METADATA, 500) },
  { name: 'metadata times out', apply: (plex) => plex.faults.delay(METADATA, TIMING_OUT_MS) },
  { name: 'scrobble answers 500 twice, then works', apply: (plex) => plex.faults.fail(SCROBBLE, 500, 2), offlineStop: true },
  { name: 'scrobble answers 500 for good', apply: (plex) => plex.faults.fail(SCROBBLE, 500), offlineStop: true, playedInPlex: false },
  { name: 'scrobble times out (its answer lost, the scrobble made)', apply: (plex) => plex.faults.delay(SCROBBLE, TIMING_OUT_MS), offlineStop: true },
  { name: 'play queue GET answers 404', apply: (plex) => plex.faults.fail(PLAY_QUEUE_GET, 404) },
  { name: 'play queue GET answers 500', apply: (plex) => plex.faults.fail(PLAY_QUEUE_GET, 500) },
  { name: 'play queue GET times out', apply: (plex) => plex.faults.delay(PLAY_QUEUE_GET, TIMING_OUT_MS) },
];

interface Report {
  state: string;
  time: number;
  item?: string;
  continuing?: string;
  offline?: string;
}

/** The app on fake time, and what its tests ask of it. */
class FakeTimeRun {
  readonly clock = new FakeClock();
  stack!: InProcessStack;

  async start(): Promise<this> {
    this.stack = await startInProcessStack(this.clock, { PLEX_TIMEOUT_MS: '700' });
    return this;
  }

  get plex(): PlexEmulator {
    return this.stack.plex;
  }

  /** Moves fake time on in steps, letting every report and background task that falls due complete over real HTTP. */
  async advance(ms: number, step = 250, afterStep?: () => void): Promise<void> {
    for (let done = 0; ; done += step) {
      await this.clock.advance(Math.min(step, ms - done));
      await this.stack.scheduler.whenIdle();
      await this.clock.advance(0);
      await this.stack.scheduler.whenIdle();
      afterStep?.();
      if (done + step >= ms) break;
    }
  }

  reports(ratingKey: string): Report[] {
    return this.timelines()
      .filter((r) => r.query.ratingKey === ratingKey)
      .map((r) => ({ state: r.query.state ?? '', time: Number(r.query.time), item: r.query.playQueueItemID, continuing: r.query.continuing, offline: r.query.offline }));
  }

  /** Timeline reports Plex took. */
  timelines(): RecordedRequest[] {
    return this.plex.requestsTo('POST', '/:/timeline').filter((r) => r.status === 200);
  }

  async create(body: Record<string, unknown>): Promise<Session> {
    const answer = await this.stack.api.post<Session>('/api/v1/sessions', body);
    assert.equal(answer.status, 201);
    await this.advance(0);
    return answer.body;
  }

  async progress(id: string, state: string, positionMs: number): Promise<void> {
    assert.equal((await this.stack.api.post(`/api/v1/sessions/${id}/progress`, { state, positionMs })).status, 200);
    await this.advance(0);
  }

  async next(id: string): Promise<Session> {
    const answer = await this.stack.api.post<Session>(`/api/v1/sessions/${id}/next`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await this.advance(0);
    return answer.body;
  }

  async saved(ratingKey: string): Promise<[watched: boolean, positionMs: number]> {
    const answer = await this.stack.api.get<{ watched: boolean; positionMs: number }>(`/api/v1/progress/${ratingKey}`);
    assert.equal(answer.status, 200);
    return [answer.body.watched, answer.body.positionMs];
  }

  viewCount(ratingKey: string): number {
    return this.plex.item(ratingKey)!.viewCount;
  }

  close(): Promise<void> {
    return this.stack.close();
  }
}

describe('a failing Plex call never stalls a session', () => {
  const everything: RecordedRequest[] = [];

  for (const fault of FAULTS) {
    it(`${fault.name}: every item reported at once and every interval, the finished one played once, nothing sent twice`, async () => {
      const run = await new FakeTimeRun().start();
      try {
        const session = await run.create({ ratingKey: '211', continuous: true });
        const [first, second] = session.queue.items;
        await run.progress(session.id, 'playing', 60_000);
        fault.apply(run.plex);
        await run.advance(INTERVAL);

        const moved = await run.next(session.id);
        assert.equal(moved.ratingKey, '212');
        const current = String(moved.queue.selectedItemId);
        assert.deepEqual(run.reports('211').map((r) => [r.state, r.time, r.continuing]), [
          ['buffering', 0, undefined],
          ['playing', 60_000, undefined],
          ['playing', 70_000, undefined],
          ['stopped', 70_000, '1'],
        ]);
        assert.deepEqual(run.reports('212').map((r) => [r.state, r.time, r.item]), [['buffering', 0, current]], 'the new item, at once');
        if (!fault.name.startsWith('play queue')) assert.equal(run.reports('211').at(-1)?.item, String(first.itemId));

        await run.progress(session.id, 'playing', 0);
        await run.advance(INTERVAL * 3);
        assert.deepEqual(run.reports('212').map((r) => [r.state, r.time]), [
          ['buffering', 0],
          ['playing', 0],
          ['playing', 10_000],
          ['playing', 20_000],
          ['playing', 30_000],
        ], 'then every interval');

        const duration = second.durationMs!;
        const end = Math.round(duration * 0.95);
        if (fault.offlineStop) await run.plex.faults.down();
        await run.progress(session.id, 'playing', end);
        await run.progress(session.id, 'stopped', end);
        await run.advance(INTERVAL);
        if (fault.offlineStop) await run.plex.faults.up();
        await run.advance(RETRIES_SETTLE_MS, 1000);

        const tail = run.reports('212').slice(5);
        assert.deepEqual(
          tail.map((r) => [r.state, r.time, r.offline]),
          fault.offlineStop ? [['stopped', end, '1']] : [['playing', end, undefined], ['stopped', end, undefined]],
        );
        const playedInPlex = fault.playedInPlex ?? true;
        assert.equal(run.viewCount('212'), playedInPlex ? 1 : 0, 'the finished item is played once in Plex');
        assert.equal(run.viewCount('211'), 0);
        const scrobbles = run.plex.requestsTo('PUT', '/:/scrobble');
        if (!fault.offlineStop) assert.equal(scrobbles.length, 0, 'Plex marked it itself: no scrobble on top');
        if (fault.playedInPlex === false) assert.equal(scrobbles.length, BACKGROUND_RETRY.attempts, 'tried a bounded number of times');
        if (fault.name.startsWith('scrobble times out')) assert.equal(scrobbles.length, 1, 'Plex is asked again before another scrobble');
        assert.deepEqual(await run.saved('212'), [true, 0], 'watched in the proxy, resume point cleared');
        assert.deepEqual(await run.saved('211'), [false, 70_000]);

        const before = run.timelines().length;
        await run.stack.restart();
        await run.advance(INTERVAL * 3);
        assert.equal(run.timelines().length, before, 'nothing is sent again after a restart');
        assert.deepEqual(await run.saved('212'), [true, 0]);
        assert.equal(run.viewCount('212'), playedInPlex ? 1 : 0);
      } finally {
        everything.push(...run.plex.requests);
        await run.close();
      }
    });
  }

  it("follows Plex's mark: with its settings unreadable the proxy assumes 90 %, but an item Plex marked at its own 80 % is watched", async () => {
    const run = await new FakeTimeRun().start();
    try {
      run.plex.setPref('LibraryVideoPlayedThreshold', 80);
      run.plex.faults.fail(PREFS, 404);
      const session = await run.create({ ratingKey: '104' }); // 12 minutes
      const left = Math.round(720_000 * 0.85);
      await run.progress(session.id, 'playing', left);
      await run.progress(session.id, 'stopped', left);
      await run.advance(INTERVAL);
      assert.equal(run.viewCount('104'), 1, 'Plex marked it from the live reports');
      assert.deepEqual(await run.saved('104'), [true, 0], 'and so does the proxy');
      assert.equal(run.plex.requestsTo('PUT', '/:/scrobble').length, 0);

      const again = await run.create({ ratingKey: '104' });
      assert.equal(again.positionMs, 0, 'the next playback starts at the beginning, not at 85 %');
    } finally {
      everything.push(...run.plex.requests);
      await run.close();
    }
  });

  it('keeps a session reported through an hour of faults, one after another and all at once', async () => {
    const SLOT = 5 * 60_000;
    const slowly = (plex: PlexEmulator) => [PREFS, METADATA, SCROBBLE, PLAY_QUEUE_GET].forEach((match) => plex.faults.delay(match, TIMING_OUT_MS));
    const named = (start: string) => FAULTS.find((fault) => fault.name.startsWith(start))!.apply;
    const slots: ((plex: PlexEmulator) => void)[] = [
      named('GET /:/prefs answers 401'),
      named('GET /:/prefs answers 404'),
      named('GET /:/prefs answers 500'),
      named('metadata answers 500'),
      slowly, // every call but the reports times out while the first episode ends and the client moves on
      named('scrobble answers 500 for good'),
      named('play queue GET answers 500'),
      named('metadata answers 500'),
      named('GET /:/prefs answers 404'),
      named('play queue GET answers 404'), // a forgotten queue, while the second episode ends
      named('scrobble answers 500 for good'),
      (plex) => {
        for (const fault of FAULTS.filter((f) => !f.name.includes('times out'))) fault.apply(plex);
      },
    ];
    const run = await new FakeTimeRun().start();
    try {
      const startedAt = run.clock.now();
      const session = await run.create({ ratingKey: '211', continuous: true });
      await run.progress(session.id, 'playing', 0);
      const episodes: { ratingKey: string; durationMs: number }[] = session.queue.items.map((item) => ({ ratingKey: item.ratingKey, durationMs: item.durationMs! }));

      // Fake time of each report Plex took, read after every step.
      const seenAt: number[] = [];
      let seen = run.timelines().length;
      const record = () => {
        const now = run.timelines().length;
        for (; seen < now; seen++) seenAt.push(run.clock.now());
      };
      let episode = 0;
      let episodeStart = startedAt;
      for (let minute = 1; minute <= 60; minute++) {
        const elapsed = minute * 60_000;
        if ((elapsed - 60_000) % SLOT === 0) {
          run.plex.faults.reset();
          slots[(elapsed - 60_000) / SLOT](run.plex);
        }
        await run.advance(60_000, 1000, record);
        const position = run.clock.now() - episodeStart;
        const { durationMs } = episodes[episode];
        if (position >= durationMs) {
          // The player reached the end: it says so, then asks for the next episode.
          await run.progress(session.id, 'playing', durationMs);
          await run.next(session.id);
          episode++;
          episodeStart = run.clock.now();
          await run.progress(session.id, 'playing', 0);
        } else {
          await run.progress(session.id, 'playing', position);
        }
        record();
      }
      await run.progress(session.id, 'stopped', run.clock.now() - episodeStart);
      run.plex.faults.reset();
      await run.advance(RETRIES_SETTLE_MS, 1000, record);

      assert.equal(episode, 2, 'two episodes finished in the hour');
      // Read after each 1 s step: a report is seen up to a step after it was sent.
      const gaps = seenAt.slice(1).map((at, i) => at - seenAt[i]);
      assert.ok(Math.max(...gaps) <= INTERVAL + 1000, `a report at least every interval (longest gap ${Math.max(...gaps)} ms)`);
      assert.equal(run.stack.scheduler.stats.missedIntervals, 0);
      for (const { ratingKey } of episodes.slice(0, 3)) {
        assert.equal(run.reports(ratingKey).filter((r) => r.state === 'stopped').length, 1, `${ratingKey}: one stop`);
      }
      for (const { ratingKey } of episodes.slice(0, 2)) {
        assert.equal(run.viewCount(ratingKey), 1, `${ratingKey}: played once in Plex`);
        assert.deepEqual(await run.saved(ratingKey), [true, 0], `${ratingKey}: watched in the proxy`);
      }
      assert.equal(run.viewCount(episodes[2].ratingKey), 0);
      assert.equal((await run.saved(episodes[2].ratingKey))[0], false);
      assert.equal(run.plex.requestsTo('PUT', '/:/scrobble').length, 0, 'Plex marked both from live reports');
    } finally {
      everything.push(...run.plex.requests);
      await run.close();
    }
  });

  it('sent Plex only requests its spec allows, in every case above', (t) => {
    const spec = specOrSkip(t, loadPlexSpec());
    if (!spec) return;
    assert.ok(everything.length > 500);
    // Calls the spec lacks are accepted only as the conformance test's named exceptions (markers: includeMarkers=1).
    const problems = everything.flatMap((r) => uncoveredProblems(r, checkRequest(spec, r)).map((p) => `${r.method} ${r.path}: ${p}`));
    assert.deepEqual([...new Set(problems)], []);
  });
});
