import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../helpers/api-client.js';
import type { Card, CardPage, Home, ItemDetail, Library } from '../helpers/browse-types.js';
import { clientFor, createProfile } from '../helpers/household.js';
import type { ApiError, Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Every page of a library, following nextCursor. */
async function walk(api: ApiClient, path: string, limit: number): Promise<{ pages: CardPage[]; items: Card[] }> {
  const pages: CardPage[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const answer: { status: number; body: CardPage } = await api.get<CardPage>(url);
    const body = answer.body;
    assert.equal(answer.status, 200, JSON.stringify(body));
    pages.push(body);
    cursor = body.nextCursor;
    assert.ok(pages.length <= 300, 'the walk ends');
  } while (cursor !== null);
  return { pages, items: pages.flatMap((page) => page.items) };
}

describe('browse: libraries, pages, details, search and marks against the emulator', () => {
  let stack: Stack;
  let api: ApiClient;
  before(async () => {
    stack = await startStack();
    // A household member with an account of their own starts with nothing watched.
    const token = stack.plex.addUser('browser');
    const profile = await createProfile(stack.admin, { name: 'Browser', plexToken: token });
    api = clientFor(stack.proxy.url, profile.apiKey);
  });
  after(() => stack.close());

  it('lists the libraries', async () => {
    const { status, body } = await api.get<Library[]>('/api/v1/libraries');
    assert.equal(status, 200);
    assert.deepEqual(body, [
      { id: '1', title: 'Movies', type: 'movie' },
      { id: '2', title: 'TV Shows', type: 'show' },
      { id: '3', title: 'Music', type: 'artist' },
    ]);
  });

  for (const [sort, limit] of [['title', 7], ['year', 100], ['addedAt', 3], ['lastViewedAt', 33]] as const) {
    it(`walks all 256 movies exactly once by ${sort}, ${limit} a page, asking Plex for pages of at most 100`, async () => {
      stack.plex.clearRequests();
      const { pages, items } = await walk(api, `/api/v1/libraries/1/items?sort=${sort}`, limit);
      assert.equal(items.length, 256);
      assert.equal(new Set(items.map((item) => item.ratingKey)).size, 256, 'no item twice');
      assert.ok(pages.every((page) => page.total === 256));
      assert.ok(pages.slice(0, -1).every((page) => page.nextCursor !== null && page.items.length === limit));
      assert.equal(pages.at(-1)?.nextCursor, null);
      for (const request of stack.plex.requestsTo('GET', '/library/sections/1/all')) {
        assert.ok(Number(request.query['X-Plex-Container-Size']) <= 100);
        assert.ok(request.query['X-Plex-Container-Start'] !== undefined);
        assert.match(request.query.sort ?? '', /,id$/, 'a tie-breaker on the id');
      }
    });
  }

  it('sorts and orders: year descending by default, title ascending', async () => {
    const byYear = (await api.get<CardPage>('/api/v1/libraries/1/items?sort=year&limit=100')).body.items.map((item) => item.year ?? 0);
    assert.deepEqual(byYear, [...byYear].sort((a, b) => b - a));
    const byTitle = (await api.get<CardPage>('/api/v1/libraries/1/items?limit=100&order=asc')).body.items.map((item) => item.title.toLowerCase());
    assert.deepEqual(byTitle, [...byTitle].sort());
  });

  it('filters by genre and unwatched', async () => {
    const documentaries = await walk(api, '/api/v1/libraries/1/items?genre=Documentary', 100);
    const expected = stack.plex.library.ofType('movie').filter((movie) => movie.Genre?.some((genre) => genre.tag === 'Documentary'));
    assert.deepEqual(new Set(documentaries.items.map((item) => item.ratingKey)), new Set(expected.map((movie) => movie.ratingKey)));
    const before = (await api.get<CardPage>('/api/v1/libraries/1/items?unwatched=true&limit=1')).body.total;
    assert.equal(before, 256);
    assert.equal((await api.post<Card>('/api/v1/items/1001/watched')).status, 200);
    assert.equal((await api.get<CardPage>('/api/v1/libraries/1/items?unwatched=true&limit=1')).body.total, 255);
    assert.equal((await api.delete<Card>('/api/v1/items/1001/watched')).status, 200);
  });

  it('refuses bad page parameters naming the field, and a cursor of another list', async () => {
    const cases: [string, string][] = [
      ['/api/v1/libraries/1/items?limit=0', 'limit'],
      ['/api/v1/libraries/1/items?limit=101', 'limit'],
      ['/api/v1/libraries/1/items?sort=rating', 'sort'],
      ['/api/v1/libraries/1/items?order=up', 'order'],
      ['/api/v1/libraries/1/items?unwatched=maybe', 'unwatched'],
      ['/api/v1/libraries/1/items?cursor=!!', 'cursor'],
      ['/api/v1/items/a%2Fb', 'ratingKey'],
      ['/api/v1/search', 'q'],
      ['/api/v1/search?q=x&types=movie,planet', 'types'],
    ];
    for (const [path, field] of cases) {
      const { status, body } = await api.get<ApiError>(path);
      assert.equal(status, 400, path);
      assert.ok(body.fields?.some((f) => f.field === field), `${path}: ${JSON.stringify(body)}`);
    }
    const first = (await api.get<CardPage>('/api/v1/libraries/1/items?sort=year&limit=10')).body;
    const mixed = await api.get<ApiError>(`/api/v1/libraries/1/items?sort=title&limit=10&cursor=${first.nextCursor}`);
    assert.equal(mixed.status, 400);
    assert.match(mixed.body.message, /cursor/);
  });

  it('answers 404 naming an unknown item or library, and accepts opaque ratingKeys', async () => {
    const unknown = await api.get<ApiError>('/api/v1/items/no-such.key_9');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /no-such\.key_9/);
    const library = await api.get<ApiError>('/api/v1/libraries/42/items');
    assert.equal(library.status, 404);
    assert.match(library.body.message, /library 42/);
  });

  it('details a movie: summary, genres, rating, studio, media with its tracks', async () => {
    const { status, body } = await api.get<ItemDetail>('/api/v1/items/1003');
    assert.equal(status, 200);
    const plexMovie = stack.plex.item('1003')!;
    assert.equal(body.title, plexMovie.title);
    assert.equal(body.summary, plexMovie.summary);
    assert.deepEqual(body.genres, plexMovie.Genre?.map((genre) => genre.tag));
    assert.equal(body.contentRating, plexMovie.contentRating);
    assert.equal(body.studio, plexMovie.studio);
    assert.equal(body.media?.videoResolution, '1080');
    assert.equal(body.media?.container, 'mpegts');
    assert.equal(body.media?.durationMs, plexMovie.duration);
    assert.deepEqual(body.media?.audioTracks.map((track) => track.language), ['English', 'Français']);
    assert.deepEqual(body.media?.subtitleTracks.map((track) => track.language), ['English']);
    assert.deepEqual(body.progress, { positionMs: 0, durationMs: plexMovie.duration, watched: false });
  });

  it('details a show with specials: seasons (through the named exception /children) and next up', async () => {
    stack.plex.clearRequests();
    const show = (await api.get<ItemDetail>('/api/v1/items/600')).body;
    assert.equal(show.type, 'show');
    assert.deepEqual(show.seasons?.map((season) => [season.ratingKey, season.title, season.childCount]), [
      ['610', 'Specials', 2],
      ['611', 'Season 1', 4],
      ['612', 'Season 2', 3],
    ]);
    assert.equal(show.nextUp?.ratingKey, '6111', 'the first unwatched episode, specials aside');
    assert.equal(stack.plex.requestsTo('GET', '/library/metadata/600/children').length, 1);

    // Watch the first two episodes and start the third: next up is the one in progress.
    await api.post('/api/v1/items/6111/watched');
    await api.post('/api/v1/items/6112/watched');
    const session = (await api.post<Session>('/api/v1/sessions', { ratingKey: '6113' })).body;
    await api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 60_000 });
    await api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 120_000 });
    const again = (await api.get<ItemDetail>('/api/v1/items/600')).body;
    assert.equal(again.nextUp?.ratingKey, '6113');
    assert.equal(again.nextUp?.progress.positionMs, 120_000, "the proxy's saved progress, at once");
    assert.equal(again.watchedChildCount, 2);
  });

  it('details a season with its episodes, and pages children of a show and a season', async () => {
    const season = (await api.get<ItemDetail>('/api/v1/items/611')).body;
    assert.deepEqual(season.children?.items.map((episode) => episode.ratingKey), ['6111', '6112', '6113', '6114']);
    assert.equal(season.children?.nextCursor, null);
    const episode = season.children.items[0];
    assert.equal(episode.showTitle, 'Harbour Watch');
    assert.equal(episode.parentTitle, 'Season 1');
    assert.equal(episode.parentIndex, 1);
    assert.equal(episode.index, 1);
    assert.equal(episode.progress.watched, true);
    const seasons = await walk(api, '/api/v1/items/600/children', 2);
    assert.deepEqual(seasons.items.map((item) => item.ratingKey), ['610', '611', '612']);
    assert.equal(seasons.pages.length, 2);
    const episodes = await walk(api, '/api/v1/items/611/children', 3);
    assert.deepEqual(episodes.items.map((item) => item.ratingKey), ['6111', '6112', '6113', '6114']);
    const tracks = (await api.get<ItemDetail>('/api/v1/items/301')).body;
    assert.deepEqual(tracks.children?.items.map((track) => track.ratingKey), ['311', '312', '313', '314']);
    assert.equal(tracks.children?.items[0]?.parentTitle, 'Harbour Songs');
    const movieChildren = (await api.get<CardPage>('/api/v1/items/101/children')).body;
    assert.deepEqual(movieChildren, { items: [], total: 0, nextCursor: null });
  });

  it('searches by type', async () => {
    const { status, body } = await api.get<{ results: { type: string; items: Card[] }[] }>('/api/v1/search?q=harbour&types=show,album,track,movie&limit=3');
    assert.equal(status, 200);
    assert.deepEqual(body.results.map((result) => result.type), ['show', 'album', 'track', 'movie']);
    assert.deepEqual(body.results[0]?.items.map((item) => item.ratingKey), ['600']);
    assert.equal(body.results[3]?.items.length, 3);
    const shows = (await api.get<{ results: { type: string }[] }>('/api/v1/search?q=harbour&types=show')).body;
    assert.deepEqual(shows.results.map((result) => result.type), ['show']);
  });

  it('marks watched and unwatched on Plex with the profile token, and the proxy progress follows', async () => {
    const session = (await api.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 600_000 });
    stack.plex.clearRequests();
    const watched = await api.post<Card>('/api/v1/items/102/watched');
    assert.equal(watched.status, 200);
    assert.deepEqual(watched.body.progress, { positionMs: 0, durationMs: 5_700_000, watched: true });
    const scrobbles = stack.plex.requestsTo('PUT', '/:/scrobble');
    assert.equal(scrobbles.length, 1);
    assert.equal(scrobbles[0]?.query.key, '102');
    assert.equal(stack.plex.item('102', 'browser')?.viewCount, 1, "counted on the member's own account");
    assert.equal(stack.plex.item('102')?.viewCount, 0, "not on the admin's");
    assert.deepEqual((await api.get('/api/v1/progress/102')).body.watched, true);

    const unwatched = await api.delete<Card>('/api/v1/items/102/watched');
    assert.equal(unwatched.status, 200);
    assert.deepEqual(unwatched.body.progress, { positionMs: 0, durationMs: 5_700_000, watched: false });
    assert.equal(stack.plex.requestsTo('PUT', '/:/unscrobble').length, 1);
    assert.equal(stack.plex.item('102', 'browser')?.viewCount, 0);
    const progress = (await api.get<{ positionMs: number; watched: boolean }>('/api/v1/progress/102')).body;
    assert.deepEqual([progress.positionMs, progress.watched], [0, false], 'unwatched clears the saved progress');

    // A show: every episode, on Plex and in the card's counts.
    const show = await api.post<Card>('/api/v1/items/200/watched');
    assert.deepEqual([show.body.childCount, show.body.watchedChildCount, show.body.progress.watched], [6, 6, true]);
    await api.delete('/api/v1/items/200/watched');
    assert.equal(stack.plex.item('211', 'browser')?.viewCount, 0);
  });

  it('shows the home screen: continue watching right after a stop, recently added grouped by show', async () => {
    const session = (await api.post<Session>('/api/v1/sessions', { ratingKey: '103' })).body;
    await api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 0 });
    await api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 900_000 });
    const home = (await api.get<Home>('/api/v1/home')).body;
    const first = home.continueWatching[0];
    assert.equal(first?.ratingKey, '103', 'the item stopped a moment ago comes first');
    assert.equal(first?.reason, 'resume');
    assert.equal(first?.progress.positionMs, 900_000);
    const shows = home.continueWatching.filter((card) => card.type === 'episode').map((card) => card.showTitle);
    assert.equal(new Set(shows).size, shows.length, 'one entry per show');
    assert.ok(home.continueWatching.some((card) => card.ratingKey === '6113' && card.reason === 'resume'));

    assert.deepEqual(home.recentlyAdded.map((row) => row.library.title), ['Movies', 'TV Shows', 'Music']);
    const tv = home.recentlyAdded[1].items;
    assert.equal(tv[0]?.ratingKey, '600', 'the show with the newest episodes, once');
    assert.equal(new Set(tv.map((card) => card.ratingKey)).size, tv.length);
    assert.ok(tv.every((card) => card.type === 'show'));
    const movies = home.recentlyAdded[0].items;
    assert.deepEqual(movies.slice(0, 4).map((card) => card.ratingKey).sort(), ['101', '102', '103', '104']);
  });

  it('puts the next episode of a show being watched in continue watching (reason next)', async () => {
    await api.post('/api/v1/items/211/watched');
    const home = (await api.get<Home>('/api/v1/home')).body;
    const next = home.continueWatching.find((card) => card.showTitle === 'Northern Lights');
    assert.equal(next?.ratingKey, '212');
    assert.equal(next?.reason, 'next');
    assert.equal(home.continueWatching[0]?.ratingKey, '212', "newest first: Plex's order holds for a next episode");
  });

  it('answers 503 with Retry-After while Plex is down, never a 500', async () => {
    const other = await createProfile(stack.admin, { name: 'Cold cache' });
    const cold = clientFor(stack.proxy.url, other.apiKey);
    await stack.plex.faults.down();
    try {
      for (const path of ['/api/v1/home', '/api/v1/libraries', '/api/v1/libraries/1/items', '/api/v1/items/101', '/api/v1/search?q=a']) {
        const { status, headers } = await cold.get(path);
        assert.equal(status, 503, path);
        assert.ok(Number(headers.get('retry-after')) > 0, path);
      }
    } finally {
      await stack.plex.faults.up();
    }
    assert.equal((await cold.get('/api/v1/libraries')).status, 200, 'a failure is not cached');
  });
});
