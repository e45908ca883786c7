import { Body, Controller, Delete, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey, ApiNoAuth } from '../../common/api-security.decorators.js';
import { requestOrigin } from '../../common/request-origin.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import { AppConfig } from '../config/app-config.js';
import {
  PairingTokenRequestDto,
  StartPairingDto,
  type ApprovedPairingDto,
  type PairedKeyDto,
  type PairingStartedDto,
} from './dto/pairing.dto.js';
import { DecisionLimit, PollLimit, StartLimit } from './pairing-limits.js';
import { ApiUserCode } from './api-params.js';
import { PairingService } from './pairing.service.js';

/** The TV's side: no key (it has none yet). */
@ApiTags('pairing')
@ApiNoAuth()
@Controller('api/v1/pairing')
export class PairingController {
  constructor(
    private readonly pairing: PairingService,
    private readonly config: AppConfig,
  ) {}

  /** A TV asks to be paired (no key): it shows `userCode` and polls `POST /api/v1/pairing/token` with `deviceCode`. */
  @Post()
  @HttpCode(200)
  @StartLimit()
  @ApiErrorResponses(400, 429)
  async startPairing(@Body() body: StartPairingDto, @Req() request: FastifyRequest): Promise<PairingStartedDto> {
    const started = await this.pairing.start(body);
    return { ...started, verificationUrl: `${this.config.streams.publicUrl ?? requestOrigin(request) ?? ''}/api/v1/pairing` };
  }

  /**
   * The TV's poll (no key), every `interval` seconds: the API key once the code is approved, only once. Until then a
   * 400 whose `code` is `authorization_pending` (poll again after `retryAfterSeconds`), `slow_down` (polled too soon:
   * the interval grew to `retryAfterSeconds`), `expired_token`, `access_denied` or `invalid_grant` (unknown or used).
   */
  @Post('token')
  @HttpCode(200)
  @PollLimit()
  @ApiErrorResponses(400, 429)
  pollPairing(@Body() body: PairingTokenRequestDto): Promise<PairedKeyDto> {
    return this.pairing.poll(body.deviceCode);
  }

}

/** A member's side: approving or denying a TV's code with their own key. */
@ApiTags('pairing')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/pairing')
export class PairingApprovalController {
  constructor(private readonly pairing: PairingService) {}

  /** A member approves a TV's code for their own profile. */
  @Post(':userCode')
  @HttpCode(200)
  @DecisionLimit()
  @ApiUserCode()
  @ApiErrorResponses(400, 404)
  approvePairing(@CurrentCaller() caller: Caller, @Param('userCode') userCode: string): Promise<ApprovedPairingDto> {
    return this.pairing.approve(userCode, caller.profileId);
  }

  /** A member turns a TV's code down: the TV's poll answers `access_denied`. */
  @Delete(':userCode')
  @HttpCode(204)
  @DecisionLimit()
  @ApiUserCode()
  @ApiErrorResponses(400, 404)
  denyPairing(@Param('userCode') userCode: string): Promise<void> {
    return this.pairing.deny(userCode);
  }
}
