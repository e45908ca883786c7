import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { StreamLinksModule } from '../streams/stream-links.module.js';
import { ProgressController } from './progress.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { SessionAccess } from './session-access.service.js';
import { SessionLifecycle } from './session-lifecycle.service.js';
import { SessionPlayback } from './session-playback.service.js';
import { SessionQueueService } from './session-queue.service.js';
import { SessionRepository } from './session.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { SessionViews } from './session-views.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PlaybackSession, PlaybackProgress]), PlexModule, HouseholdsModule, AuthModule, StreamLinksModule],
  controllers: [SessionsController, ProgressController],
  providers: [
    SessionRepository,
    ProgressRepository,
    SessionAccess,
    SessionPlayback,
    SessionsService,
    SessionQueueService,
    SessionViews,
    SessionLifecycle,
  ],
  exports: [SessionsService, SessionRepository, ProgressRepository, SessionPlayback, SessionAccess, SessionLifecycle],
})
export class SessionsModule {}
