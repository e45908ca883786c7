import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { PlayedStateService } from './played-state.service.js';
import { ServerSettings } from './server-settings.service.js';
import { TimelineScheduler } from './timeline-scheduler.service.js';
import { TimelineStatusController } from './timeline-status.controller.js';

@Module({
  imports: [PlexModule, HouseholdsModule, SessionsModule],
  controllers: [TimelineStatusController],
  providers: [TimelineScheduler, PlayedStateService, ServerSettings],
  exports: [TimelineScheduler],
})
export class TimelineModule {}
