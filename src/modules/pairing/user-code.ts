import { randomInt } from 'node:crypto';

/**
 * The characters of a user code: consonants only, no digits (RFC 8628 §6.1's example alphabet), so no O or I to take
 * for 0 or 1 on a TV screen, and no words spelled by accident. Eight of them: 20^8 ≈ 2.6·10^10 codes.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const LENGTH = 8;
const NORMALISED = new RegExp(`^[${USER_CODE_ALPHABET}]{${LENGTH}}$`);

/** A fresh user code as shown on the TV: `BCDF-GHJK`. */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code as typed (any case, with or without the dash or spaces) in its one stored form; undefined if it cannot be one. */
export function normaliseUserCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return NORMALISED.test(code) ? code : undefined;
}

export const USER_CODE_MESSAGE = `userCode must be ${LENGTH} of the letters ${USER_CODE_ALPHABET} (a dash after the fourth is allowed)`;
