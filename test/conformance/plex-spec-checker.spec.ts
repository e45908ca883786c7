import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequest, loadPlexSpec, operationFor, specOrSkip } from './plex-spec.js';
import type { RequestToCheck } from './plex-spec.js';

const spec = loadPlexSpec();

const HEADERS = { 'X-Plex-Token': 'token', 'X-Plex-Client-Identifier': 'tv-1', Accept: 'application/json' };
const TIMELINE: RequestToCheck = {
  method: 'POST',
  path: '/:/timeline',
  query: {
    ratingKey: '101',
    key: '/library/metadata/101',
    state: 'playing',
    time: '1000',
    duration: '240000',
    playQueueItemID: '7',
  },
  headers: HEADERS,
};

function timelineWith(query: Record<string, string>, headers: Record<string, string> = HEADERS): RequestToCheck {
  return { ...TIMELINE, query: { ...TIMELINE.query, ...query }, headers };
}

function assertProblem(problems: string[], pattern: RegExp): void {
  assert.ok(
    problems.some((problem) => pattern.test(problem)),
    `expected a problem matching ${String(pattern)}, got: ${JSON.stringify(problems)}`,
  );
}

describe('Plex spec checker', () => {
  it('loads every operation from the spec', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assert.ok(plex.operations.length > 100);
    assert.equal(operationFor(plex, 'POST', '/:/timeline'), 'report');
  });

  it('accepts a correct timeline report', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assert.deepEqual(checkRequest(plex, TIMELINE), []);
    assert.deepEqual(checkRequest(plex, timelineWith({ state: 'stopped', continuing: '1' })), []);
    assert.deepEqual(checkRequest(plex, timelineWith({ offline: '1', updated: '1700000000' })), []);
  });

  it('rejects GET /:/timeline', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assertProblem(checkRequest(plex, { ...TIMELINE, method: 'GET' }), /method GET is not declared for \/:\/timeline/);
  });

  it('rejects undeclared query parameters', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assertProblem(checkRequest(plex, timelineWith({ containerKey: '/playQueues/1' })), /'containerKey' is not declared/);
    assertProblem(checkRequest(plex, timelineWith({ playbackTime: '1000' })), /'playbackTime' is not declared/);
  });

  it('always allows X-Plex-Token as a query parameter', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    const headers = { 'x-plex-client-identifier': 'tv-1' };
    assert.deepEqual(checkRequest(plex, timelineWith({ 'X-Plex-Token': 'token' }, headers)), []);
  });

  it('rejects a state outside the enum, a non-integer time and a bad BoolInt', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assertProblem(checkRequest(plex, timelineWith({ state: 'running' })), /state: 'running' is not one of/);
    assertProblem(checkRequest(plex, timelineWith({ time: '12.5' })), /time: '12.5' is not an integer/);
    assertProblem(checkRequest(plex, timelineWith({ offline: 'true' })), /offline: 'true'/);
  });

  it('rejects POST /playQueues without type', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    const problems = checkRequest(plex, {
      method: 'POST',
      path: '/playQueues',
      query: { uri: 'server://abc/com.plexapp.plugins.library/library/metadata/101' },
      headers: HEADERS,
    });
    assertProblem(problems, /required query parameter 'type' is missing/);
  });

  it('rejects a timeline report without the X-Plex-Client-Identifier header (any case accepted)', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assertProblem(checkRequest(plex, timelineWith({}, { 'X-Plex-Token': 'x' })), /required header 'X-Plex-Client-Identifier'/);
    assert.deepEqual(checkRequest(plex, timelineWith({}, { 'x-plex-token': 'x', 'x-plex-client-identifier': 'a' })), []);
  });

  it('matches paths: literal segments win, path parameters (also inside a segment, start.{extension}) are typed', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assert.equal(operationFor(plex, 'PUT', '/playQueues/12/items/34/move'), 'movePlayQueueItem');
    assert.equal(operationFor(plex, 'DELETE', '/playQueues/12/items/34'), 'deletePlayQueueItem');
    assert.equal(operationFor(plex, 'GET', '/library/metadata/1,2/allLeaves'), 'getAllItemLeaves');
    assert.equal(operationFor(plex, 'GET', '/identity'), 'getIdentity');
    assert.equal(operationFor(plex, 'GET', '/no/such/path'), undefined);
    assert.equal(operationFor(plex, 'GET', '/video/:/transcode/universal/start.m3u8'), 'startTranscodeSession');
    assert.equal(operationFor(plex, 'GET', '/video/:/transcode/universal/begin.m3u8'), undefined);
    assertProblem(
      checkRequest(plex, { method: 'GET', path: '/video/:/transcode/universal/start.webm', headers: HEADERS }),
      /extension: 'webm' is not one of the allowed values/,
    );
    assertProblem(checkRequest(plex, { method: 'GET', path: '/playQueues/abc', headers: HEADERS }), /playQueueId: 'abc' is not an integer/);
    assertProblem(checkRequest(plex, { method: 'GET', path: '/no/such/path', headers: HEADERS }), /no path of the spec matches/);
  });

  it('requires a token except where the spec says none is needed', (t) => {
    const plex = specOrSkip(t, spec);
    if (!plex) return;
    assert.deepEqual(checkRequest(plex, { method: 'GET', path: '/identity' }), []);
    assertProblem(
      checkRequest(plex, { method: 'GET', path: '/playQueues/1', headers: { 'X-Plex-Client-Identifier': 'a' } }),
      /no X-Plex-Token/,
    );
  });
});
