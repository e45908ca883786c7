import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { compileValidator } from '../../src/common/compiled-validator.js';
import { copiesPlainly } from '../../src/common/plain-copy.js';
import { CreateProfileDto, RenameProfileDto } from '../../src/modules/admin/dto/profile.dto.js';
import { AddServerDto } from '../../src/modules/admin/dto/server.dto.js';
import { createValidationPipe, flattenValidationErrors } from '../../src/common/validation.js';
import { CreateSessionDto } from '../../src/modules/sessions/dto/create-session.dto.js';
import { AddToQueueDto, JumpDto, MoveQueueItemDto } from '../../src/modules/sessions/dto/queue-changes.dto.js';
import { ReportProgressDto } from '../../src/modules/sessions/dto/report-progress.dto.js';

/** ValidationPipe as the app configured it before the compiled fast path: the reference behaviour. */
const reference = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: (errors) => new HttpException({ fields: flattenValidationErrors(errors) }, 400),
});
const fast = createValidationPipe();

const BODIES: Record<string, unknown[]> = {
  ReportProgressDto: [
    { state: 'playing', positionMs: 0 },
    { state: 'paused', positionMs: 2_147_483_647 },
    { state: 'stopped', positionMs: 2_147_483_648 },
    { state: 'rewinding', positionMs: -1 },
    { state: 'playing', positionMs: 1.5 },
    { state: 'playing', positionMs: '100' },
    { state: null, positionMs: null },
    { positionMs: 5 },
    {},
    { state: 'playing', positionMs: 5, extra: 1, more: 'x' },
    { state: 'playing', positionMs: { $gt: 0 } },
    { state: ['playing'], positionMs: 5 },
    [],
    'playing',
    7,
    null,
    undefined,
  ],
  CreateSessionDto: [
    { ratingKey: '101' },
    { ratingKey: '101', offsetMs: 5000, shuffle: true, continuous: false },
    { playlistId: '400', shuffle: false },
    { ratingKey: '101', playlistId: '400' },
    { ratingKey: 'abc' },
    { ratingKey: 101 },
    { ratingKey: '101', offsetMs: -1, shuffle: 'yes' },
    { ratingKey: '101', offsetMs: null },
    {},
    { playlistId: 'x', unknown: true },
    { ratingKey: '101', directPlay: false, maxVideoBitrate: 4000, videoResolution: '1280x720' },
    { ratingKey: '101', directPlay: 'no', maxVideoBitrate: 10, videoResolution: '720p' },
    { ratingKey: '101', maxVideoBitrate: 4000.5 },
  ],
  JumpDto: [{ itemId: 3 }, { itemId: 0 }, { itemId: '3' }, {}],
  AddToQueueDto: [{ ratingKey: '211', next: true }, { ratingKey: '211', next: 1 }, { ratingKey: '' }],
  MoveQueueItemDto: [{}, { afterItemId: 2 }, { afterItemId: -2 }, { afterItemId: null }],
  CreateProfileDto: [
    { name: 'Alice' },
    { name: '  Bob  ', plexToken: 'abcdefgh12', serverId: 'default' },
    { name: '   ' },
    { name: 'x'.repeat(129), plexToken: 'short', serverId: 'no spaces' },
    { name: 7 },
    { plexToken: null },
  ],
  RenameProfileDto: [{ name: 'Carol' }, { name: '' }, { name: 'Carol', admin: true }],
  AddServerDto: [
    { name: 'Grandma', url: 'http://192.168.1.20:32400', token: 'abcdefgh12' },
    { name: ' ', url: 'ftp://x', token: 'short' },
    { url: 'http://h', token: 12345678 },
  ],
};
const DTOS = {
  ReportProgressDto,
  CreateSessionDto,
  JumpDto,
  AddToQueueDto,
  MoveQueueItemDto,
  CreateProfileDto,
  RenameProfileDto,
  AddServerDto,
};

async function outcome(pipe: ValidationPipe, value: unknown, metatype: ArgumentMetadata['metatype']) {
  try {
    const result: unknown = await pipe.transform(structuredClone(value), { type: 'body', metatype });
    const prototype: unknown = typeof result === 'object' && result !== null ? Object.getPrototypeOf(result) : undefined;
    return { result, prototype };
  } catch (error) {
    if (!(error instanceof HttpException)) return { thrown: String(error) };
    return { status: error.getStatus(), fields: (error.getResponse() as { fields: unknown }).fields };
  }
}

describe('strict validation with compiled DTO validators', () => {
  it('compiles every request DTO of the API', () => {
    for (const [name, dto] of Object.entries(DTOS)) assert.ok(compileValidator(dto), `${name} compiles`);
  });

  it('copies plainly only onto DTOs class-transformer has nothing to do for', () => {
    assert.equal(copiesPlainly(ReportProgressDto, compileValidator(ReportProgressDto)!.properties), true);
    assert.equal(copiesPlainly(CreateProfileDto, compileValidator(CreateProfileDto)!.properties), false, '@Transform trims the name');
  });

  for (const [name, bodies] of Object.entries(BODIES)) {
    it(`answers ${name} bodies exactly as class-validator through ValidationPipe does`, async () => {
      const dto = DTOS[name as keyof typeof DTOS];
      for (const body of bodies) {
        const expected = await outcome(reference, body, dto);
        assert.deepEqual(await outcome(fast, body, dto), expected, `body ${JSON.stringify(body)}`);
      }
    });
  }
});
