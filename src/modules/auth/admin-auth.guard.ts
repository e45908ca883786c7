import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AdminTokenService } from './admin-token.service.js';
import { bearerToken } from './bearer.js';

/** Admin calls carry `Authorization: Bearer <admin token>`. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly adminToken: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.adminToken.matches(bearerToken(context.switchToHttp().getRequest<FastifyRequest>()))) {
      throw new UnauthorizedException('missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>)');
    }
    return true;
  }
}
