import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TimelineModule } from '../timeline/timeline.module.js';
import { SessionStreams } from './session-streams.service.js';
import { StreamLinksModule } from './stream-links.module.js';
import { SessionStreamController, StreamsController } from './streams.controller.js';
import { StreamsService } from './streams.service.js';
import { TranscodeSessions } from './transcode-sessions.service.js';

/** Streams for players: signed URLs, the media served through the proxy (direct or transcoded), transcodes stopped. */
@Module({
  imports: [PlexModule, HouseholdsModule, AuthModule, SessionsModule, TimelineModule, StreamLinksModule],
  controllers: [SessionStreamController, StreamsController],
  providers: [SessionStreams, StreamsService, TranscodeSessions],
})
export class StreamsModule {}
