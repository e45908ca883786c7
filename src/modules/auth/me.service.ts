import { Injectable } from '@nestjs/common';
import { DevicesService } from '../households/devices.service.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { ProfilesService } from '../households/profiles.service.js';
import type { Caller } from './caller.js';
import type { MeDto } from './dto/me.dto.js';

/** What the caller may know about itself: its profile, its server's name, its devices. */
@Injectable()
export class MeService {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly devices: DevicesService,
    private readonly callers: PlexCallers,
  ) {}

  async describe(caller: Caller): Promise<MeDto> {
    const profile = await this.profiles.get(caller.profileId);
    const devices = await this.devices.list(caller.profileId);
    return {
      id: profile.id,
      name: profile.name,
      server: { id: profile.serverId, name: this.callers.serverName(profile.serverId) ?? profile.serverId },
      devices: devices.map((device) => ({
        id: device.deviceId,
        name: device.name,
        platform: device.platform,
        lastSeenAt: new Date(device.lastSeenAt).toISOString(),
      })),
    };
  }
}
