import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from '../../entities/api-key.entity.js';
import { Device } from '../../entities/device.entity.js';
import { PlexServer } from '../../entities/plex-server.entity.js';
import { Profile } from '../../entities/profile.entity.js';
import { PlexModule } from '../plex/plex.module.js';
import { ApiKeysService } from './api-keys.service.js';
import { DevicesService } from './devices.service.js';
import { ApiKeyRepository, DeviceRepository, ProfileRepository, ServerRepository } from './households.repositories.js';
import { PlexCallers } from './plex-callers.service.js';
import { ProfilesService } from './profiles.service.js';
import { SecretBox } from './secret-box.service.js';
import { ServersService } from './servers.service.js';

/** Profiles, their API keys and devices, the Plex servers they play from, and who each Plex call is made as. */
@Module({
  imports: [TypeOrmModule.forFeature([PlexServer, Profile, ApiKey, Device]), PlexModule],
  providers: [
    ServerRepository,
    ProfileRepository,
    ApiKeyRepository,
    DeviceRepository,
    SecretBox,
    PlexCallers,
    ApiKeysService,
    DevicesService,
    ProfilesService,
    ServersService,
  ],
  exports: [PlexCallers, ApiKeysService, DevicesService, ProfilesService, ServersService, SecretBox],
})
export class HouseholdsModule {}
