import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlaybackSession, type QueueItemSnapshot } from '../../src/entities/playback-session.entity.js';
import type { StreamDto } from '../../src/modules/sessions/dto/session.dto.js';
import { sessionJson } from '../../src/modules/sessions/session-json.js';
import { SESSION_DTO_MEMBERS, toSessionDto } from '../../src/modules/sessions/session-view.js';

const NOW = Date.parse('2026-12-05T20:00:00.000Z');
const STREAM: StreamDto = { url: 'http://tv.local:3000/api/v1/streams/abc/file.mkv', protocol: 'file', expiresAt: '2026-12-06T02:00:00.000Z', directPlay: true };

function episode(itemId: number, title: string): QueueItemSnapshot {
  return { itemId, ratingKey: String(200 + itemId), title, type: 'episode', durationMs: 1_380_000, grandparentTitle: 'Northern Lights', parentIndex: 1, index: itemId };
}

function session(queueItems: QueueItemSnapshot[], changes: Partial<PlaybackSession> = {}): PlaybackSession {
  return Object.assign(new PlaybackSession(), {
    id: '3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e',
    ratingKey: queueItems[0]?.ratingKey ?? '201',
    state: 'playing',
    positionMs: 60_000,
    positionAt: NOW - 5_000,
    durationMs: 1_380_000,
    playQueueId: 17,
    playQueueVersion: 3,
    playQueueItemId: queueItems[0]?.itemId ?? 1,
    queueItems,
    deviceId: 'tv-livingroom',
    createdAt: NOW - 3_600_000,
    updatedAt: NOW - 5_000,
    endedAt: null,
    endReason: null,
    ...changes,
  });
}

describe('sessionJson', () => {
  it('writes what JSON.stringify writes for session answers of every shape', () => {
    const answers = {
      'playing, with a stream': toSessionDto(session([episode(1, 'Pilot'), episode(2, 'Second')]), NOW, { ...STREAM }),
      'ended, no stream': toSessionDto(session([episode(1, 'Pilot')], { state: 'stopped', endedAt: NOW, endReason: 'stopped' }), NOW),
      'titles that need escaping': toSessionDto(session([episode(1, 'Say "hi"\\ \n\u0000 → 日本 😀'), episode(2, '</script>')]), NOW),
      'an item without a duration': toSessionDto(session([{ itemId: 1, ratingKey: '9', title: 'Clip', type: 'clip' }], { durationMs: null }), NOW),
      'an empty queue': toSessionDto(session([]), NOW),
    };
    for (const [what, answer] of Object.entries(answers)) {
      assert.equal(Object.keys(answer).at(-1), 'queue', `${what}: the queue is the last member`);
      assert.equal(sessionJson(answer), JSON.stringify(answer), what);
      assert.equal(sessionJson(answer), JSON.stringify(answer), `${what}, its queue's JSON reused`);
    }
  });

  it('serialises a session’s queue once, and a changed queue anew', () => {
    const items = [episode(1, 'Pilot'), episode(2, 'Second')];
    const playing = session(items);
    const first = toSessionDto(playing, NOW);
    assert.match(sessionJson(first), /"items":\[.*"title":"Second".*\]\}\}$/);

    // The app never changes a queue view in place; this shows that a later answer takes the JSON made for the first.
    playing.positionMs = 90_000;
    const later = toSessionDto(playing, NOW);
    assert.equal(later.queue, first.queue, 'answers share one view of an unchanged queue');
    (later.queue.items[1] as { title: string }).title = 'Changed in place';
    const laterJson = sessionJson(later);
    assert.match(laterJson, /"title":"Second"/);
    assert.match(laterJson, /"positionMs":95000/, 'the rest of the answer is written anew');

    Object.assign(playing, { queueItems: [...items, episode(3, 'Third')], playQueueVersion: 4 });
    const changed = toSessionDto(playing, NOW);
    assert.equal(sessionJson(changed), JSON.stringify(changed));
    assert.match(sessionJson(changed), /"version":4,"selectedItemId":1,"items":\[.*"title":"Third"/);
  });

  it('writes the members in the order toSessionDto makes them', () => {
    const answer = toSessionDto(session([episode(1, 'Pilot')], { endedAt: NOW, endReason: 'stopped' }), NOW, { ...STREAM });
    assert.deepEqual(Object.keys(answer), [...SESSION_DTO_MEMBERS]);
  });

  it('shares the item and the queue between answers while they are unchanged, and makes them anew when they change', () => {
    const playing = session([episode(1, 'Pilot'), episode(2, 'Second')]);
    const first = toSessionDto(playing, NOW);
    const later = toSessionDto(playing, NOW + 1_000);
    assert.equal(later.item, first.item);
    assert.equal(later.queue, first.queue);
    assert.match(sessionJson(later), /"positionMs":66000,/);

    Object.assign(playing, { playQueueItemId: 2, ratingKey: '202', updatedAt: NOW + 2_000 });
    const moved = toSessionDto(playing, NOW + 2_000);
    assert.notEqual(moved.item, first.item);
    assert.equal(moved.item.title, 'Second');
    assert.notEqual(moved.queue, first.queue);
    assert.equal(moved.queue.selectedItemId, 2);
    assert.equal(moved.updatedAt, new Date(NOW + 2_000).toISOString());
    assert.equal(sessionJson(moved), JSON.stringify(moved));

    playing.playQueueVersion = 4;
    const bumped = toSessionDto(playing, NOW + 3_000);
    assert.equal(bumped.item, moved.item, 'the same item in a new version of the queue');
    assert.notEqual(bumped.queue, moved.queue);
    assert.match(sessionJson(bumped), /"queue":\{"playQueueId":17,"version":4,"selectedItemId":2,"items":\[/);
  });
});
