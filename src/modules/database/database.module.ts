import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../../entities/index.js';
import { AppConfig } from '../config/app-config.js';
import { ProxySettingsRepository } from './proxy-settings.repository.js';
import { typeOrmOptions } from './typeorm-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...typeOrmOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [ProxySettingsRepository],
  exports: [ProxySettingsRepository],
})
export class DatabaseModule {}
