import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl, scrubSecrets } from '../../src/modules/logging/redaction.js';

describe('redaction', () => {
  it('redacts secret query parameters and keeps the rest', () => {
    assert.equal(
      redactUrl('/library/parts/1/2/file.mkv?X-Plex-Token=abc123&offset=10&token=zzz'),
      '/library/parts/1/2/file.mkv?X-Plex-Token=[REDACTED]&offset=10&token=[REDACTED]',
    );
    assert.equal(redactUrl('/health'), '/health');
  });

  it('scrubs given secrets anywhere in a text', () => {
    assert.equal(scrubSecrets('connect failed for http://h/?a=1 with tok-123456', ['tok-123456']), 'connect failed for http://h/?a=1 with [REDACTED]');
  });
});

describe('stream URL tokens in logged URLs', () => {
  it('are redacted, the rest of the path kept', () => {
    assert.equal(redactUrl('/api/v1/streams/eyJ2IjoxfQ.abc_DEF-123/file.ts'), '/api/v1/streams/[REDACTED]/file.ts');
    assert.equal(redactUrl('/api/v1/streams/eyJ2IjoxfQ.abc/master.m3u8?x=1'), '/api/v1/streams/[REDACTED]/master.m3u8?x=1');
  });
});

describe('pairing codes in logged URLs', () => {
  it('are redacted in approvals and denials, the poll path kept', () => {
    assert.equal(redactUrl('/api/v1/pairing/BCDF-GHJK'), '/api/v1/pairing/[REDACTED]');
    assert.equal(redactUrl('/api/v1/admin/pairing/bcdfghjk?x=1'), '/api/v1/admin/pairing/[REDACTED]?x=1');
    assert.equal(redactUrl('/api/v1/pairing/token'), '/api/v1/pairing/token');
    assert.equal(redactUrl('/api/v1/pairing/tokenBCDF'), '/api/v1/pairing/[REDACTED]');
    assert.equal(redactUrl('/api/v1/pairing'), '/api/v1/pairing');
  });
});
