import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiAdminKey } from '../../common/api-security.decorators.js';
import { AdminAuthGuard } from '../auth/admin-auth.guard.js';
import { ProfilesService } from '../households/profiles.service.js';
import { AdminProfilesService } from './admin-profiles.service.js';
import { CreateProfileDto, RenameProfileDto, type CreatedProfileDto, type IssuedKeyDto, type KeyDto, type ProfileDto } from './dto/profile.dto.js';

@ApiTags('admin')
@ApiAdminKey()
@UseGuards(AdminAuthGuard)
@Controller('api/v1/admin/profiles')
export class AdminProfilesController {
  constructor(
    private readonly admin: AdminProfilesService,
    private readonly profiles: ProfilesService,
  ) {}

  /** Create a profile; the answer holds its first API key, shown only this once. A `plexToken` is checked with the server first. */
  @Post()
  @ApiErrorResponses(400, 422, 502, 503)
  createProfile(@Body() body: CreateProfileDto): Promise<CreatedProfileDto> {
    return this.admin.create(body);
  }

  /** Every profile. */
  @Get()
  listProfiles(): Promise<ProfileDto[]> {
    return this.admin.list();
  }

  /** Rename a profile. */
  @Patch(':id')
  @ApiErrorResponses(400, 404)
  renameProfile(@Param('id') id: string, @Body() body: RenameProfileDto): Promise<ProfileDto> {
    return this.admin.rename(id, body.name);
  }

  /** Delete a profile: its sessions end and its API keys stop working. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrorResponses(404)
  deleteProfile(@Param('id') id: string): Promise<void> {
    return this.admin.delete(id);
  }

  /** Issue another API key for a profile (shown only this once). */
  @Post(':id/keys')
  @ApiErrorResponses(404)
  issueKey(@Param('id') id: string): Promise<IssuedKeyDto> {
    return this.profiles.issueKey(id);
  }

  /** A profile's API keys (never the keys themselves): issued by the admin, or made by pairing and bound to a device. */
  @Get(':id/keys')
  @ApiErrorResponses(404)
  listKeys(@Param('id') id: string): Promise<KeyDto[]> {
    return this.profiles.listKeys(id);
  }

  /** Revoke one of a profile's API keys (a paired TV's too). */
  @Delete(':id/keys/:keyId')
  @HttpCode(204)
  @ApiErrorResponses(404)
  revokeKey(@Param('id') id: string, @Param('keyId') keyId: string): Promise<void> {
    return this.profiles.revokeKey(id, keyId);
  }
}
