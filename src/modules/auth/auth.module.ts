import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config.js';
import { HouseholdsModule } from '../households/households.module.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminTokenService } from './admin-token.service.js';
import { ClientAuthGuard } from './client-auth.guard.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { SlidingWindowStorage } from './rate-limit.storage.js';

@Module({
  imports: [
    HouseholdsModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // No X-RateLimit-* headers on every answer (players do not read them; three header lines a call): a 429 says
        // when to come back with Retry-After.
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute, setHeaders: false }],
        storage: new SlidingWindowStorage(),
      }),
    }),
  ],
  controllers: [MeController],
  providers: [ClientAuthGuard, AdminAuthGuard, AdminTokenService, MeService, RateLimitGuard, { provide: APP_GUARD, useExisting: RateLimitGuard }],
  exports: [ClientAuthGuard, RateLimitGuard, AdminAuthGuard, AdminTokenService, HouseholdsModule],
})
export class AuthModule {}
