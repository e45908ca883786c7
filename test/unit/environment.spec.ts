import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig } from '../../src/modules/config/app-config.js';
import { ConfigurationError, validateEnvironment } from '../../src/modules/config/environment.js';

const configOf = (env: Record<string, string>) => new AppConfig(validateEnvironment(env));

describe('configuration', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = configOf({});
    assert.equal(config.port, 3000);
    assert.deepEqual(config.database, { type: 'sqlite', path: './data/proxy.sqlite' });
    assert.equal(config.timelineIntervalMs, 10_000);
    assert.equal(config.plex.url, undefined);
    assert.equal(config.identity.product, 'Plex Playback Proxy');
    assert.match(config.identity.version, /^\d+\.\d+\.\d+/);
  });

  it('reads every variable and ignores unrelated ones', () => {
    const config = configOf({
      PORT: '8080',
      PLEX_URL: 'http://plex.lan:32400/',
      PLEX_TOKEN: 'abcdefgh12345678',
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/proxy',
      TIMELINE_INTERVAL_MS: '500',
      HOME: '/root',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.plex.url, 'http://plex.lan:32400');
    assert.deepEqual(config.database, { type: 'postgres', url: 'postgres://u@127.0.0.1:5432/proxy' });
    assert.equal(config.timelineIntervalMs, 500);
  });

  it('takes absolute sqlite paths from file:/// URLs', () => {
    assert.deepEqual(configOf({ DATABASE_URL: 'file:///var/lib/proxy/db.sqlite' }).database, {
      type: 'sqlite',
      path: '/var/lib/proxy/db.sqlite',
    });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer between 0 and 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /PORT must be an integer between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a file: URL \(sqlite\) or a postgres:\/\/ URL/],
    [{ TIMELINE_INTERVAL_MS: '5' }, /TIMELINE_INTERVAL_MS must be at least 100 ms/],
    [{ PLEX_URL: 'ftp://plex' }, /PLEX_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ PLEX_URL: 'http://plex:32400' }, /PLEX_TOKEN is required when PLEX_URL is set/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ STREAM_URL_TTL_MS: '10' }, /STREAM_URL_TTL_MS must be at least 1000 ms/],
    [{ STREAM_URL_TTL_MS: 'forever' }, /STREAM_URL_TTL_MS must be/],
    [{ PUBLIC_URL: 'proxy.lan:3000' }, /PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
  ];

  it('reads the stream settings: a 6 h URL lifetime by default, PUBLIC_URL without its trailing slash', () => {
    assert.deepEqual(new AppConfig(validateEnvironment({})).streams, { urlTtlMs: 21_600_000, publicUrl: undefined });
    const config = new AppConfig(validateEnvironment({ STREAM_URL_TTL_MS: '60000', PUBLIC_URL: 'https://tv.example/proxy/' }));
    assert.deepEqual(config.streams, { urlTtlMs: 60_000, publicUrl: 'https://tv.example/proxy' });
  });
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(
        () => validateEnvironment(env),
        (error: unknown) => error instanceof ConfigurationError && message.test(error.message) && !error.message.includes('\n'),
      );
    });
  }

  it('never echoes a secret value in the error', () => {
    assert.throws(
      () => validateEnvironment({ ADMIN_TOKEN: 'short-secret' }),
      (error: Error) => error.message.includes('ADMIN_TOKEN') && !error.message.includes('short-secret'),
    );
  });

  it('takes SECRET_KEY as 64 hex characters or base64 of 32 bytes, and never echoes it', () => {
    const hex = 'ab'.repeat(32);
    assert.deepEqual(configOf({ SECRET_KEY: hex }).secretKey, Buffer.from(hex, 'hex'));
    const base64 = Buffer.alloc(32, 7).toString('base64');
    assert.deepEqual(configOf({ SECRET_KEY: base64 }).secretKey, Buffer.alloc(32, 7));
    assert.equal(configOf({}).secretKey, undefined);
    for (const bad of ['ab'.repeat(31), Buffer.alloc(16).toString('base64'), 'not a key at all!']) {
      assert.throws(
        () => validateEnvironment({ SECRET_KEY: bad }),
        (error: Error) => error instanceof ConfigurationError && error.message.includes('SECRET_KEY') && !error.message.includes(bad),
      );
    }
  });

  it('puts generated files next to the SQLite file, reads the rate limit and CORS origins', () => {
    assert.equal(configOf({ DATABASE_URL: 'file:/var/lib/ppp/db.sqlite' }).dataDir, '/var/lib/ppp');
    assert.equal(configOf({ DATABASE_URL: 'postgres://u@h/db' }).dataDir, './data');
    assert.equal(configOf({}).rateLimitPerMinute, 600);
    assert.deepEqual(configOf({}).corsOrigins, []);
    assert.deepEqual(configOf({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins, [
      'https://a.example',
      'http://b.example:8080',
    ]);
    assert.throws(() => validateEnvironment({ CORS_ORIGINS: '*' }), ConfigurationError);
  });
});
