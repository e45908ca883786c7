import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { Clock } from './common/clock.js';
import { ClockModule } from './common/clock.module.js';
import { AppEventsModule } from './modules/events/app-events.module.js';
import { EventsModule } from './modules/events/events.module.js';
import type { AppConfig } from './modules/config/app-config.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BrowseModule } from './modules/browse/browse.module.js';
import { ConfigModule } from './modules/config/config.module.js';
import { DatabaseModule } from './modules/database/database.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ImagesModule } from './modules/images/images.module.js';
import { LoggingModule } from './modules/logging/logging.module.js';
import { PairingModule } from './modules/pairing/pairing.module.js';
import { PlexModule } from './modules/plex/plex.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { StreamsModule } from './modules/streams/streams.module.js';
import { TimelineModule } from './modules/timeline/timeline.module.js';

@Module({})
export class AppModule {
  /** `clock`: the time source for every service (tests pass a fake one). */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        AppEventsModule,
        // Imported here only: importing it twice would run every job twice.
        ScheduleModule.forRoot(),
        LoggingModule,
        DatabaseModule,
        PlexModule,
        HealthModule,
        SessionsModule,
        TimelineModule,
        StreamsModule,
        BrowseModule,
        ImagesModule,
        AuthModule,
        AdminModule,
        EventsModule,
        PairingModule,
      ],
    };
  }
}
