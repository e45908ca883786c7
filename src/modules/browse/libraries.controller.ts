import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import { ApiLibraryId, libraryIdParam } from './browse-params.js';
import type { CardPageDto } from './dto/card.dto.js';
import { LibraryItemsQueryDto, type LibraryDto } from './dto/library.dto.js';
import { LibrariesService } from './libraries.service.js';

@ApiTags('browse')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/libraries')
export class LibrariesController {
  constructor(private readonly libraries: LibrariesService) {}

  /** The libraries the caller's Plex account may see (movies, shows, music, photos). */
  @Get()
  @ApiErrorResponses(502, 503)
  listLibraries(@CurrentCaller() caller: Caller): Promise<LibraryDto[]> {
    return this.libraries.list(caller.profileId);
  }

  /**
   * A page of a library's items, with the caller's own watch state.
   * @remarks Pass `nextCursor` as `cursor` (with the same other parameters) until it is `null`: every item comes
   * exactly once, even when many share a title, a year or a date.
   */
  @Get(':id/items')
  @ApiLibraryId()
  @ApiErrorResponses(400, 404, 502, 503)
  listLibraryItems(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: LibraryItemsQueryDto): Promise<CardPageDto> {
    return this.libraries.items(caller.profileId, libraryIdParam(id), query);
  }
}
