// The adapter's own floor, beside the bare NestJS route: the progress route on bare Fastify (the body validated by a
// JSON schema, a session looked up in a Map, the same answer as the bare node server), with neither NestJS nor the
// proxy's work. Forked by the benchmark like the bare node server; it exits when the benchmark disconnects.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { BareServerReady, BareServerSetup } from './support/bare-server-protocol.js';

type Session = Record<string, unknown>;

async function start(setup: BareServerSetup): Promise<void> {
  const sessions = new Map<string, Session>(setup.sessionIds.map((id) => [id, { ...setup.template, id }]));
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: { state: string; positionMs: number } }>(
    '/api/v1/sessions/:id/progress',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['state', 'positionMs'],
          properties: {
            state: { enum: ['playing', 'paused', 'buffering', 'stopped'] },
            positionMs: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
          },
        },
      },
    },
    async (request, reply) => {
      const session = sessions.get(request.params.id);
      if (!session) return reply.code(404).send({ statusCode: 404, message: 'not found' });
      session.state = request.body.state;
      session.positionMs = request.body.positionMs;
      session.updatedAt = new Date().toISOString();
      return session;
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ready: BareServerReady = { port: (app.server.address() as AddressInfo).port };
  process.send!(ready);
  process.once('disconnect', () => process.exit(0));
}

process.once('message', (setup: BareServerSetup) => void start(setup));
