import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { Device } from '../../entities/device.entity.js';
import { AppEvents } from '../events/app-events.js';
import { DeviceRepository } from './households.repositories.js';

/** Devices are written at most this often (unless their name or platform changes), to keep every call cheap. */
const TOUCH_INTERVAL_MS = 60_000;

export interface DeviceSighting {
  deviceId: string;
  name?: string;
  platform?: string;
}

/** Keeps a record of each profile's devices and when they were last seen. */
@Injectable()
export class DevicesService {
  private readonly logger = new Logger(DevicesService.name);
  private readonly lastWritten = new Map<string, { at: number; name?: string; platform?: string }>();

  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  /** Records a call from a device; never delays or fails the call itself. */
  seen(profileId: string, sighting: DeviceSighting): void {
    const now = this.clock.now();
    const key = `${profileId}\u0000${sighting.deviceId}`;
    const last = this.lastWritten.get(key);
    if (last && now - last.at < TOUCH_INTERVAL_MS && last.name === sighting.name && last.platform === sighting.platform) return;
    this.lastWritten.set(key, { at: now, name: sighting.name, platform: sighting.platform });
    const row = deviceRow(profileId, sighting, now);
    this.devices
      .upsert(row)
      .then(() => this.events.emit('household', { type: 'device.updated', profileId, deviceId: row.deviceId, name: row.name, platform: row.platform }))
      .catch((error: unknown) => this.logger.warn(`device ${sighting.deviceId} not recorded: ${String(error)}`));
  }

  /** Records a device paired with the profile, at once (its key is bound to it). */
  async paired(profileId: string, sighting: DeviceSighting): Promise<void> {
    const now = this.clock.now();
    this.lastWritten.set(`${profileId}\u0000${sighting.deviceId}`, { at: now, name: sighting.name, platform: sighting.platform });
    const row = deviceRow(profileId, sighting, now);
    await this.devices.upsert(row);
    this.events.emit('household', { type: 'device.paired', profileId, deviceId: row.deviceId, name: row.name, platform: row.platform });
  }

  list(profileId: string): Promise<Device[]> {
    return this.devices.listForProfile(profileId);
  }
}

/** A device row as of `now` (an upsert keeps the first `createdAt`). */
function deviceRow(profileId: string, sighting: DeviceSighting, now: number): Device {
  return Object.assign(new Device(), {
    profileId,
    deviceId: sighting.deviceId,
    name: sighting.name ?? null,
    platform: sighting.platform ?? null,
    lastSeenAt: now,
    createdAt: now,
  } satisfies Device);
}
