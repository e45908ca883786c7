import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './modules/config/app-config.js';
import { ConfigModule } from './modules/config/config.module.js';
import { DatabaseModule } from './modules/database/database.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { LoggingModule } from './modules/logging/logging.module.js';
import { PlexModule } from './modules/plex/plex.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, PlexModule, HealthModule, SessionsModule],
    };
  }
}
