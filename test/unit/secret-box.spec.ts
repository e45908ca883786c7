import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppConfig } from '../../src/modules/config/app-config.js';
import { validateEnvironment } from '../../src/modules/config/environment.js';
import { SecretBox } from '../../src/modules/households/secret-box.service.js';
import { tempDir } from '../helpers/paths.js';

const boxWith = (env: Record<string, string>) => new SecretBox(new AppConfig(validateEnvironment(env)));

describe('SecretBox (AES-256-GCM)', () => {
  it('seals with a fresh IV every time and opens what it sealed', () => {
    const box = boxWith({ SECRET_KEY: '1f'.repeat(32) });
    const a = box.seal('plex-token-123');
    const b = box.seal('plex-token-123');
    assert.notEqual(a, b);
    assert.ok(!a.includes('plex-token-123'));
    assert.equal(box.open(a), 'plex-token-123');
  });

  it('refuses a tampered secret and a secret sealed with another key', () => {
    const box = boxWith({ SECRET_KEY: '1f'.repeat(32) });
    const sealed = box.seal('plex-token-123');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    assert.throws(() => box.open(`v1:${bytes.toString('base64')}`));
    assert.throws(() => boxWith({ SECRET_KEY: '2e'.repeat(32) }).open(sealed));
  });

  it('without SECRET_KEY, generates a 0600 key file next to the database once and reuses it', () => {
    const dir = tempDir();
    try {
      const env = { DATABASE_URL: `file:${join(dir.path, 'db', 'proxy.sqlite')}`, LOG_LEVEL: 'silent' };
      const sealed = boxWith(env).seal('plex-token-123');
      assert.equal(statSync(join(dir.path, 'db', 'secret.key')).mode & 0o777, 0o600);
      assert.equal(boxWith(env).open(sealed), 'plex-token-123');
    } finally {
      dir.remove();
    }
  });
});
