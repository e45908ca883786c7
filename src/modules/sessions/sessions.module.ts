import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { ImagesModule } from '../images/images.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { StreamLinksModule } from '../streams/stream-links.module.js';
import { ProgressController } from './progress.controller.js';
import { CurrentItemReader } from './current-item-reader.service.js';
import { OnDeck } from './on-deck.service.js';
import { ProgressRepository } from './progress.repository.js';
import { SessionAccess } from './session-access.service.js';
import { SessionLifecycle } from './session-lifecycle.service.js';
import { SessionPlayback } from './session-playback.service.js';
import { SessionQueueService } from './session-queue.service.js';
import { SessionTracks } from './session-tracks.service.js';
import { SessionRepository } from './session.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { SessionViews } from './session-views.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PlaybackSession, PlaybackProgress]), PlexModule, HouseholdsModule, AuthModule, StreamLinksModule, ImagesModule],
  controllers: [SessionsController, ProgressController],
  providers: [
    SessionRepository,
    ProgressRepository,
    CurrentItemReader,
    OnDeck,
    SessionAccess,
    SessionPlayback,
    SessionsService,
    SessionQueueService,
    SessionTracks,
    SessionViews,
    SessionLifecycle,
  ],
  exports: [SessionsService, SessionRepository, ProgressRepository, SessionPlayback, SessionAccess, SessionLifecycle, CurrentItemReader],
})
export class SessionsModule {}
