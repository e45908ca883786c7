import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from './caller.js';
import { ClientAuthGuard } from './client-auth.guard.js';
import type { MeDto } from './dto/me.dto.js';
import { MeService } from './me.service.js';
import { CurrentCaller } from './request-context.decorators.js';

@ApiTags('me')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** The caller's profile, its server and the devices it was seen on. */
  @Get()
  getMe(@CurrentCaller() caller: Caller): Promise<MeDto> {
    return this.me.describe(caller);
  }
}
