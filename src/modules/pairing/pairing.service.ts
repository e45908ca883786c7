import { randomBytes, randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { invalidField } from '../../common/validation.js';
import { PairingRequest } from '../../entities/pairing-request.entity.js';
import { ApiKeysService, hashKey } from '../households/api-keys.service.js';
import { DevicesService } from '../households/devices.service.js';
import { ProfilesService } from '../households/profiles.service.js';
import { PairingRepository } from './pairing.repository.js';
import { newUserCode, normaliseUserCode, USER_CODE_MESSAGE } from './user-code.js';

/** How long a TV's codes stay good (RFC 8628 `expires_in`). */
export const PAIRING_TTL_MS = 10 * 60_000;
/** How long a TV waits between polls at first (RFC 8628 `interval`); each `slow_down` adds SLOW_DOWN_STEP_S. */
export const POLL_INTERVAL_S = 5;
const SLOW_DOWN_STEP_S = 5;
/** Rows are kept this long past their expiry, so a late poll still hears `expired_token` rather than an unknown code. */
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

export interface PairingDevice {
  deviceId: string;
  deviceName: string;
  platform?: string;
}

export interface StartedPairing {
  userCode: string;
  deviceCode: string;
  expiresIn: number;
  interval: number;
}

export interface PairedKey {
  apiKey: string;
  keyId: string;
  profileId: string;
  deviceId: string;
}

export interface ApprovedPairing {
  profileId: string;
  deviceId: string;
  deviceName: string | null;
  platform: string | null;
}

/** The answers a poll gets before a key (RFC 8628 §3.5), plus `invalid_grant` for a code unknown or used already. */
export type PollRefusal = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'invalid_grant';

const REFUSALS: Record<PollRefusal, string> = {
  authorization_pending: 'not approved yet; poll again after the interval',
  slow_down: 'polled too often; the interval grew, poll again after it',
  expired_token: 'the pairing expired; start again',
  access_denied: 'the pairing was denied',
  invalid_grant: 'unknown or already used device code',
};

function refused(code: PollRefusal, intervalS?: number): BadRequestException {
  return new BadRequestException({ message: REFUSALS[code], code, ...(intervalS !== undefined ? { retryAfterSeconds: intervalS } : {}) });
}

/**
 * Pairing a TV with a short code (RFC 8628's device authorization grant): the TV asks for codes, shows the user code,
 * a member or the admin approves it for a profile, and the TV's poll with the device code then gets an API key bound
 * to that device, once. Both codes are stored only hashed, and neither is ever logged.
 */
@Injectable()
export class PairingService {
  private readonly logger = new Logger(PairingService.name);

  constructor(
    private readonly requests: PairingRepository,
    private readonly keys: ApiKeysService,
    private readonly devices: DevicesService,
    private readonly profiles: ProfilesService,
    private readonly clock: Clock,
  ) {}

  async start(device: PairingDevice): Promise<StartedPairing> {
    const now = this.clock.now();
    await this.requests.deleteExpired(now - KEEP_EXPIRED_MS);
    const deviceCode = randomBytes(32).toString('base64url');
    const userCode = await this.unusedUserCode();
    await this.requests.insert(
      Object.assign(new PairingRequest(), {
        id: randomUUID(),
        deviceCodeHash: hashKey(deviceCode),
        userCodeHash: hashKey(normaliseUserCode(userCode)!),
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        platform: device.platform ?? null,
        status: 'pending',
        profileId: null,
        intervalS: POLL_INTERVAL_S,
        lastPolledAt: null,
        createdAt: now,
        expiresAt: now + PAIRING_TTL_MS,
      } satisfies PairingRequest),
    );
    this.logger.log(`device ${device.deviceId} asked to be paired`);
    return { userCode, deviceCode, expiresIn: PAIRING_TTL_MS / 1000, interval: POLL_INTERVAL_S };
  }

  /** Approves a pending code for a profile (the admin's choice, or the approving member's own). */
  async approve(typedCode: string, profileId: string): Promise<ApprovedPairing> {
    await this.profiles.get(profileId);
    const request = await this.pending(typedCode);
    if (!(await this.requests.claim(request.id, 'pending', 'approved', { profileId }))) throw noSuchCode();
    this.logger.log(`pairing of device ${request.deviceId} approved for profile ${profileId}`);
    return { profileId, deviceId: request.deviceId, deviceName: request.deviceName, platform: request.platform };
  }

  async deny(typedCode: string): Promise<void> {
    const request = await this.pending(typedCode);
    if (!(await this.requests.claim(request.id, 'pending', 'denied'))) throw noSuchCode();
    this.logger.log(`pairing of device ${request.deviceId} denied`);
  }

  /** The TV's poll: the key once approved (only once), else why not yet or not at all. */
  async poll(deviceCode: string): Promise<PairedKey> {
    const request = await this.requests.findByDeviceCode(hashKey(deviceCode));
    if (!request || request.status === 'consumed') throw refused('invalid_grant');
    const now = this.clock.now();
    if (now >= request.expiresAt) throw refused('expired_token');
    if (request.status === 'denied') throw refused('access_denied');
    if (request.status === 'pending') {
      const tooSoon = request.lastPolledAt !== null && now - request.lastPolledAt < request.intervalS * 1000;
      const intervalS = tooSoon ? request.intervalS + SLOW_DOWN_STEP_S : request.intervalS;
      await this.requests.update(request.id, { lastPolledAt: now, intervalS });
      throw refused(tooSoon ? 'slow_down' : 'authorization_pending', intervalS);
    }
    if (!(await this.requests.claim(request.id, 'approved', 'consumed'))) throw refused('invalid_grant');
    const profileId = request.profileId!;
    try {
      await this.profiles.get(profileId);
    } catch (error) {
      if (error instanceof NotFoundException) throw refused('access_denied'); // the profile went away meanwhile
      throw error;
    }
    await this.devices.paired(profileId, { deviceId: request.deviceId, name: request.deviceName ?? undefined, platform: request.platform ?? undefined });
    const key = await this.keys.issue(profileId, request.deviceId);
    this.logger.log(`device ${request.deviceId} paired with profile ${profileId} (key ${key.id})`);
    return { apiKey: key.apiKey, keyId: key.id, profileId, deviceId: request.deviceId };
  }

  /** A code still waiting for a decision; every other case answers the same 404, so a guess learns nothing. */
  private async pending(typedCode: string): Promise<PairingRequest> {
    const code = normaliseUserCode(typedCode);
    if (!code) throw invalidField('userCode', USER_CODE_MESSAGE);
    const request = await this.requests.findByUserCode(hashKey(code));
    if (!request || request.status !== 'pending' || this.clock.now() >= request.expiresAt) throw noSuchCode();
    return request;
  }

  private async unusedUserCode(): Promise<string> {
    for (;;) {
      const code = newUserCode();
      if (!(await this.requests.findByUserCode(hashKey(normaliseUserCode(code)!)))) return code;
    }
  }
}

const noSuchCode = () => new NotFoundException('no pairing is waiting for that code');
