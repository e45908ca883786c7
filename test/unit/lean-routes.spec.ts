import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { serveLeanRoutes } from '../../src/common/lean-routes.js';

describe('serveLeanRoutes', () => {
  it('serves the route with the lean handler in place of the one registered for it, and leaves the others', async () => {
    const app = Fastify();
    serveLeanRoutes(app, [{ method: 'POST', url: '/items/:id/report', handler: () => ({ by: 'lean' }) }]);
    app.post('/items/:id/report', () => ({ by: 'framework' }));
    app.get('/items/:id/report', () => ({ by: 'framework' }));
    try {
      assert.deepEqual((await app.inject({ method: 'POST', url: '/items/1/report' })).json(), { by: 'lean' });
      assert.deepEqual((await app.inject({ method: 'GET', url: '/items/1/report' })).json(), { by: 'framework' });
    } finally {
      await app.close();
    }
  });

  it('refuses to start when a lean route matches no registered route', async () => {
    const app = Fastify();
    serveLeanRoutes(app, [{ method: 'POST', url: '/items/:id/report', handler: () => ({}) }]);
    app.post('/items/:itemId/report', () => ({}));
    await assert.rejects(async () => app.ready(), /lean routes without a controller route: POST \/items\/:id\/report/);
    await app.close().catch(() => undefined);
  });
});
