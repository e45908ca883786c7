import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/paths.js';

const ENTITY_JS = pathToFileURL(join(REPO_ROOT, 'dist/src/entities/playback-session.entity.js')).href;

describe('PlaybackSession in memory', () => {
  // One lives in memory per active session: as a hash table instead of an object with fast properties, each cost
  // about 1.5 KB more (V8 switches when 26 or more properties are added after the constructor).
  it('keeps fast properties once every column is set, as the session service and TypeORM set them', () => {
    const script = `
      await import('reflect-metadata');
      const { PlaybackSession } = await import(${JSON.stringify(ENTITY_JS)});
      const session = new PlaybackSession();
      for (const key of Object.keys(session)) session[key] = key.length;
      const assigned = Object.assign(new PlaybackSession(), Object.fromEntries(Object.keys(session).map((key) => [key, 1])));
      console.log(JSON.stringify({ columns: Object.keys(session).length, set: %HasFastProperties(session), assigned: %HasFastProperties(assigned) }));`;
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const shape = JSON.parse(output) as { columns: number; set: boolean; assigned: boolean };
    assert.ok(shape.columns >= 26, `every column is named by the constructor (${shape.columns})`);
    assert.deepEqual({ set: shape.set, assigned: shape.assigned }, { set: true, assigned: true });
  });
});
