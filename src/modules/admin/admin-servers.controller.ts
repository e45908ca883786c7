import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiAdminKey } from '../../common/api-security.decorators.js';
import { AdminAuthGuard } from '../auth/admin-auth.guard.js';
import { ServersService } from '../households/servers.service.js';
import { AddServerDto, type ServerDto } from './dto/server.dto.js';

@ApiTags('admin')
@ApiAdminKey()
@UseGuards(AdminAuthGuard)
@Controller('api/v1/admin/servers')
export class AdminServersController {
  constructor(private readonly servers: ServersService) {}

  /** Every Plex server profiles can play from. */
  @Get()
  listServers(): Promise<ServerDto[]> {
    return this.servers.list();
  }

  /** Add a Plex server; it must answer `/identity` with the token given. */
  @Post()
  @ApiErrorResponses(400, 422)
  addServer(@Body() body: AddServerDto): Promise<ServerDto> {
    return this.servers.add(body.name, body.url, body.token);
  }

  /** Remove a server that no profile uses (not the default one). */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrorResponses(404, 409)
  removeServer(@Param('id') id: string): Promise<void> {
    return this.servers.remove(id);
  }
}
