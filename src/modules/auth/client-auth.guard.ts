import { timingSafeEqual } from 'node:crypto';
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DEFAULT_PROFILE_ID, type AuthenticatedRequest } from './caller.js';

/**
 * Until households (profiles with their own API keys) arrive, every client acts as the default profile.
 * When ADMIN_TOKEN is set, calls must carry it as `Authorization: Bearer <ADMIN_TOKEN>`.
 */
@Injectable()
export class ClientAuthGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(config: AppConfig) {
    this.expected = config.adminToken ? Buffer.from(`Bearer ${config.adminToken}`) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
        throw new UnauthorizedException('missing or wrong Authorization: Bearer token');
      }
    }
    request.caller = { profileId: DEFAULT_PROFILE_ID };
    return true;
  }
}
