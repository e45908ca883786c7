import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { PlexServerService } from './plex-server.service.js';
import { PlexClient } from './plex.client.js';
import { ProxyIdentityService } from './proxy-identity.service.js';

@Module({
  imports: [DatabaseModule],
  providers: [PlexClient, PlexServerService, ProxyIdentityService],
  exports: [PlexClient, PlexServerService, ProxyIdentityService],
})
export class PlexModule {}
