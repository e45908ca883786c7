import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import { FakeClock } from '../helpers/fake-clock.js';
import type { PlexCallers } from '../../src/modules/households/plex-callers.service.js';
import type { PlexClient } from '../../src/modules/plex/plex.client.js';
import { PlexNotFoundError } from '../../src/modules/plex/plex.errors.js';
import type { PlexPreferences } from '../../src/modules/plex/plex.types.js';
import { ServerSettings, SETTINGS_FRESH_MS, SETTINGS_RETRY_MS } from '../../src/modules/timeline/server-settings.service.js';

/** A Plex client whose `/:/prefs` answers what the test says, counting the calls. */
class FakePlex {
  calls = 0;
  answer: () => Promise<PlexPreferences> = () => Promise.resolve({ videoPlayedThresholdPercent: 80, videoPlayedAtBehaviour: 3 });
  preferences(): Promise<PlexPreferences> {
    this.calls++;
    return this.answer();
  }
}

const callers = {
  serverName: () => 'Living room',
  forServer: () => ({ serverUrl: 'http://plex.invalid', token: 't', clientIdentifier: 'c' }),
} as unknown as PlexCallers;

const refused = () => Promise.reject(new PlexNotFoundError('GET /:/prefs', '404'));

function warningsLogged(): string[] {
  const warnings: string[] = [];
  const ignore = () => undefined;
  const logger: LoggerService = { log: ignore, error: ignore, warn: (message: string) => void warnings.push(message) };
  Logger.overrideLogger(logger);
  return warnings;
}

describe('ServerSettings', () => {
  afterEach(() => {
    Logger.overrideLogger(false);
  });

  it('reads a server once per freshness period, refreshing in the background once stale', async () => {
    const clock = new FakeClock();
    const plex = new FakePlex();
    const settings = new ServerSettings(plex as unknown as PlexClient, callers, clock);
    assert.equal((await settings.preferences('default')).videoPlayedThresholdPercent, 80);
    await settings.preferences('default');
    assert.equal(plex.calls, 1);
    await clock.advance(SETTINGS_FRESH_MS);
    plex.answer = () => Promise.resolve({ videoPlayedThresholdPercent: 95, videoPlayedAtBehaviour: 3 });
    assert.equal((await settings.preferences('default')).videoPlayedThresholdPercent, 80, 'the stale value, at once');
    await clock.advance(0);
    assert.equal((await settings.preferences('default')).videoPlayedThresholdPercent, 95);
    assert.equal(plex.calls, 2);
  });

  it("falls back to Plex's defaults when the settings cannot be read, warns once naming the server, and asks again later", async () => {
    const warnings = warningsLogged();
    const clock = new FakeClock();
    const plex = new FakePlex();
    plex.answer = refused;
    const settings = new ServerSettings(plex as unknown as PlexClient, callers, clock);
    const [first, second] = await Promise.all([settings.preferences('default'), settings.preferences('default')]);
    assert.deepEqual([first.videoPlayedThresholdPercent, second.videoPlayedThresholdPercent], [90, 90]);
    assert.equal(plex.calls, 1, 'one read at a time');
    for (let i = 0; i < 5; i++) await settings.preferences('default');
    assert.equal(plex.calls, 1, 'the defaults are cached');
    await clock.advance(SETTINGS_RETRY_MS);
    await settings.preferences('default');
    await clock.advance(0);
    assert.equal(plex.calls, 2, 'asked again after the retry period');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /server "Living room": cannot read its settings .*404.*played at 90 %/);

    plex.answer = () => Promise.resolve({ videoPlayedThresholdPercent: 70, videoPlayedAtBehaviour: 3 });
    await clock.advance(SETTINGS_RETRY_MS);
    await settings.preferences('default');
    await clock.advance(0);
    assert.equal((await settings.preferences('default')).videoPlayedThresholdPercent, 70, 'readable again');
  });
});
