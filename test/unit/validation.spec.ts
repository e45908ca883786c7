import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpException } from '@nestjs/common';
import { CreateProfileDto } from '../../src/modules/admin/dto/profile.dto.js';
import { createValidationPipe } from '../../src/common/validation.js';
import { CreateSessionDto } from '../../src/modules/sessions/dto/create-session.dto.js';
import { ReportProgressDto } from '../../src/modules/sessions/dto/report-progress.dto.js';

const pipe = createValidationPipe();

/** The fields a 400 names, or the DTO the body became. */
async function validate(body: unknown, metatype: new () => object): Promise<string[] | object> {
  try {
    return (await pipe.transform(structuredClone(body), { type: 'body', metatype })) as object;
  } catch (error) {
    assert.ok(error instanceof HttpException, String(error));
    assert.equal(error.getStatus(), 400);
    const answer = error.getResponse() as { message: string; fields: { field: string; message: string }[] };
    assert.ok(answer.message.length > 0);
    return [...new Set(answer.fields.map((f) => f.field))].sort();
  }
}

describe("the app's validation pipe", () => {
  it('turns good bodies into DTO instances, converted and trimmed as the DTO says', async () => {
    const report = await validate({ state: 'playing', positionMs: 5 }, ReportProgressDto);
    assert.ok(report instanceof ReportProgressDto);
    const profile = await validate({ name: '  Bob  ' }, CreateProfileDto);
    assert.ok(profile instanceof CreateProfileDto);
    assert.equal(profile.name, 'Bob');
  });

  it('answers 400 naming every bad or unknown field', async () => {
    assert.deepEqual(await validate({ state: 'rewinding', positionMs: -1 }, ReportProgressDto), ['positionMs', 'state']);
    assert.deepEqual(await validate({ state: 'playing', positionMs: 5, extra: 1 }, ReportProgressDto), ['extra']);
    assert.deepEqual(await validate({ state: 'playing', positionMs: { $gt: 0 } }, ReportProgressDto), ['positionMs']);
    assert.deepEqual(await validate({ ratingKey: '101', offsetMs: -1, shuffle: 'yes' }, CreateSessionDto), ['offsetMs', 'shuffle']);
    assert.deepEqual(await validate({ name: '   ' }, CreateProfileDto), ['name']);
  });
});
