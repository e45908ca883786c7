import { Throttle } from '@nestjs/throttler';

const MINUTE_MS = 60_000;

/** Asking for codes, per address: a TV asks once per pairing. */
export const StartLimit = () => Throttle({ default: { limit: 20, ttl: MINUTE_MS } });
/** Polls, per address: a TV polls every 5 s or slower; a few TVs behind one address fit. */
export const PollLimit = () => Throttle({ default: { limit: 60, ttl: MINUTE_MS } });
/**
 * Approving or denying a code, per key (the admin's: per address): 10 guesses a minute in 20^8 codes, so a brute
 * force would need centuries for one pending code.
 */
export const DecisionLimit = () => Throttle({ default: { limit: 10, ttl: MINUTE_MS } });
