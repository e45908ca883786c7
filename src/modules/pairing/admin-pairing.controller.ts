import { Body, Controller, Delete, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiAdminKey } from '../../common/api-security.decorators.js';
import { AdminAuthGuard } from '../auth/admin-auth.guard.js';
import { ApprovePairingDto, type ApprovedPairingDto } from './dto/pairing.dto.js';
import { DecisionLimit } from './pairing-limits.js';
import { ApiUserCode } from './api-params.js';
import { PairingService } from './pairing.service.js';

@ApiTags('admin')
@ApiAdminKey()
@UseGuards(AdminAuthGuard)
@Controller('api/v1/admin/pairing')
export class AdminPairingController {
  constructor(private readonly pairing: PairingService) {}

  /** Approve a TV's code for a profile. */
  @Post(':userCode')
  @HttpCode(200)
  @DecisionLimit()
  @ApiUserCode()
  @ApiErrorResponses(400, 404)
  approvePairingForProfile(@Param('userCode') userCode: string, @Body() body: ApprovePairingDto): Promise<ApprovedPairingDto> {
    return this.pairing.approve(userCode, body.profileId);
  }

  /** Turn a TV's code down. */
  @Delete(':userCode')
  @HttpCode(204)
  @DecisionLimit()
  @ApiUserCode()
  @ApiErrorResponses(400, 404)
  denyPairingAsAdmin(@Param('userCode') userCode: string): Promise<void> {
    return this.pairing.deny(userCode);
  }
}
