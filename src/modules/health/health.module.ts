import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PlexModule } from '../plex/plex.module.js';
import { HealthController } from './health.controller.js';
import { PlexHealthIndicator } from './plex.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), PlexModule],
  controllers: [HealthController],
  providers: [PlexHealthIndicator],
})
export class HealthModule {}
