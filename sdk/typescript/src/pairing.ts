import type { PlaybackClient } from './index.js';
import type { components } from './schema.js';

export type PairingStarted = components['schemas']['PairingStartedDto'];
export type PairedKey = components['schemas']['PairedKeyDto'];

/** Why a pairing will not give a key: the TV should start again (`expired_token`), or give up. */
export class PairingFailedError extends Error {
  constructor(
    readonly code: 'expired_token' | 'access_denied' | 'invalid_grant' | 'unexpected',
    message: string,
  ) {
    super(message);
    this.name = 'PairingFailedError';
  }
}

export interface PollOptions {
  /** The `deviceCode` of `POST /api/v1/pairing`. */
  deviceCode: string;
  /** Seconds between polls, as `POST /api/v1/pairing` said. */
  interval: number;
  /** How to wait (ms); `setTimeout` by default. */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `POST /api/v1/pairing/token` until the code is approved, waiting `interval` seconds before each poll and
 * taking the longer interval a `slow_down` asks for (RFC 8628 §3.5). Resolves with the TV's key; rejects with
 * PairingFailedError once the code expired, was denied or is unknown.
 */
export async function pollForKey(client: PlaybackClient, { deviceCode, interval, sleep = defaultSleep, signal }: PollOptions): Promise<PairedKey> {
  let waitS = interval;
  for (;;) {
    await sleep(waitS * 1000);
    signal?.throwIfAborted();
    const { data, error, response } = await client.POST('/api/v1/pairing/token', { body: { deviceCode } });
    if (data) return data;
    const code = error && 'code' in error ? error.code : undefined;
    if (code === 'authorization_pending' || code === 'slow_down') {
      waitS = error?.retryAfterSeconds ?? (code === 'slow_down' ? waitS + 5 : waitS);
      continue;
    }
    if (response.status === 429) {
      waitS = Math.max(waitS, error?.retryAfterSeconds ?? waitS);
      continue;
    }
    if (code === 'expired_token' || code === 'access_denied' || code === 'invalid_grant') throw new PairingFailedError(code, error?.message ?? code);
    throw new PairingFailedError('unexpected', `pairing poll answered ${response.status}`);
  }
}

export interface PairOptions extends Omit<PollOptions, 'deviceCode' | 'interval'> {
  deviceId: string;
  deviceName: string;
  platform?: string;
  /** Show `started.userCode` on screen (and `verificationUrl`) now; called once. */
  onCode: (started: PairingStarted) => void;
}

/** The whole pairing on the TV's side: asks for codes, shows the user code, polls until the key comes. */
export async function pairDevice(client: PlaybackClient, { deviceId, deviceName, platform, onCode, ...poll }: PairOptions): Promise<PairedKey> {
  const { data, response } = await client.POST('/api/v1/pairing', { body: { deviceId, deviceName, ...(platform ? { platform } : {}) } });
  if (!data) throw new PairingFailedError('unexpected', `asking for a pairing code answered ${response.status}`);
  onCode(data);
  return pollForKey(client, { ...poll, deviceCode: data.deviceCode, interval: data.interval });
}
