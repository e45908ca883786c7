import { Module } from '@nestjs/common';
import { ClientAuthGuard } from './client-auth.guard.js';

@Module({ providers: [ClientAuthGuard], exports: [ClientAuthGuard] })
export class AuthModule {}
