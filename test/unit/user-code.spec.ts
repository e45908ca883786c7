import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newUserCode, normaliseUserCode, USER_CODE_ALPHABET } from '../../src/modules/pairing/user-code.js';

describe('pairing user codes', () => {
  it('are 8 consonants (no digits, no O or I to take for 0 or 1, no vowels to spell words), shown with a dash', () => {
    for (const excluded of '0123456789OIAEUY') assert.ok(!USER_CODE_ALPHABET.includes(excluded), excluded);
    const codes = Array.from({ length: 2000 }, newUserCode);
    for (const code of codes) assert.match(code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    assert.equal(new Set(codes.join('').replace(/-/g, '')).size, USER_CODE_ALPHABET.length, 'every letter comes up');
  });

  it('are read back in any case, with or without the dash or spaces; anything else is not a code', () => {
    assert.equal(normaliseUserCode('bcdf-ghjk'), 'BCDFGHJK');
    assert.equal(normaliseUserCode(' BCDF GHJK '), 'BCDFGHJK');
    for (const typed of ['BCDF-GHJ', 'BCDF-GHJKL', 'BCDF-GHJ0', 'ABCD-EFGH', '']) assert.equal(normaliseUserCode(typed), undefined, typed);
  });
});
