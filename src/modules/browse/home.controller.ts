import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import type { HomeDto } from './dto/home.dto.js';
import { HomeService } from './home.service.js';

@ApiTags('browse')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /**
   * The home screen: "Continue watching" and each library's newest items.
   * @remarks Continue watching reflects the caller's playback at once (an item stopped a moment ago is there).
   */
  @Get()
  @ApiErrorResponses(502, 503)
  getHome(@CurrentCaller() caller: Caller): Promise<HomeDto> {
    return this.home.home(caller.profileId);
  }
}
