import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpException } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { STRICT_SCHEMA_VALIDATION, schemaValidationError } from '../../src/common/schema-validation.js';
import { createValidationPipe } from '../../src/common/validation.js';
import { REPORT_PROGRESS_SCHEMA, ReportProgressDto } from '../../src/modules/sessions/dto/report-progress.dto.js';

/** What one validator made of a body: `ok`, or the fields a 400 names. */
type Verdict = 'ok' | string[];

const BODIES: { name: string; body: unknown }[] = [
  { name: 'a report', body: { state: 'playing', positionMs: 754_000 } },
  { name: 'each state', body: { state: 'buffering', positionMs: 0 } },
  { name: 'a stop at the largest position', body: { state: 'stopped', positionMs: 2_147_483_647 } },
  { name: 'an unknown state', body: { state: 'rewinding', positionMs: 1 } },
  { name: 'no position', body: { state: 'playing' } },
  { name: 'no state', body: { positionMs: 5 } },
  { name: 'a fractional position', body: { state: 'playing', positionMs: 1.5 } },
  { name: 'a negative position', body: { state: 'paused', positionMs: -1 } },
  { name: 'a position too large', body: { state: 'paused', positionMs: 2_147_483_648 } },
  { name: 'a position as text', body: { state: 'paused', positionMs: '1000' } },
  { name: 'a position as an operator', body: { state: 'playing', positionMs: { $gt: 0 } } },
  { name: 'a state that is not text', body: { state: 1, positionMs: 5 } },
  { name: 'an unknown field', body: { state: 'playing', positionMs: 5, extra: 1 } },
  { name: 'two wrong fields', body: { state: 'rewinding', positionMs: -1 } },
];

describe('the progress report schema', () => {
  let fastify: FastifyInstance;
  const pipe = createValidationPipe();

  before(async () => {
    fastify = Fastify({ ajv: STRICT_SCHEMA_VALIDATION, schemaErrorFormatter: schemaValidationError });
    fastify.setErrorHandler((error, _request, reply) => {
      assert.ok(error instanceof HttpException, String(error));
      void reply.status(error.getStatus()).send(error.getResponse());
    });
    fastify.post('/progress', { schema: { body: REPORT_PROGRESS_SCHEMA } }, (request) => request.body);
    await fastify.ready();
  });
  after(() => fastify.close());

  async function bySchema(body: unknown): Promise<Verdict> {
    const answer = await fastify.inject({ method: 'POST', url: '/progress', payload: body as object });
    if (answer.statusCode === 200) {
      assert.deepEqual(answer.json(), body, 'the body reaches the route unchanged');
      return 'ok';
    }
    assert.equal(answer.statusCode, 400);
    const error = answer.json<{ message: string; fields: { field: string; message: string }[] }>();
    for (const field of error.fields) assert.ok(field.message.startsWith(field.field) || field.message.includes(field.field), JSON.stringify(field));
    assert.equal(error.message, error.fields.map((f) => f.message).join('; '));
    return [...new Set(error.fields.map((f) => f.field))].sort();
  }

  async function byDto(body: unknown): Promise<Verdict> {
    try {
      await pipe.transform(structuredClone(body), { type: 'body', metatype: ReportProgressDto });
      return 'ok';
    } catch (error) {
      assert.ok(error instanceof HttpException, String(error));
      const answer = error.getResponse() as { fields: { field: string }[] };
      return [...new Set(answer.fields.map((f) => f.field))].sort();
    }
  }

  for (const { name, body } of BODIES) {
    it(`judges ${name} as the DTO does, naming the same fields`, async () => {
      assert.deepEqual(await bySchema(body), await byDto(body));
    });
  }

  it('refuses a body that is not an object, naming the body', async () => {
    assert.deepEqual(await bySchema([1, 2]), ['body']);
  });

  it('says what is wrong in words a client can show', async () => {
    const answer = await fastify.inject({ method: 'POST', url: '/progress', payload: { state: 'rewinding', positionMs: 1.5, extra: 1 } });
    const { fields } = answer.json<{ fields: { field: string; message: string }[] }>();
    assert.deepEqual(fields.map((f) => f.message).sort(), [
      'positionMs must be an integer',
      'property extra should not exist',
      'state must be one of playing, paused, buffering, stopped',
    ]);
  });
});
