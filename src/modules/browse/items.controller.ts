import { Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import { ApiRatingKey } from '../sessions/api-params.js';
import { ratingKeyParam } from './browse-params.js';
import type { CardDto, CardPageDto } from './dto/card.dto.js';
import type { ItemDetailDto } from './dto/item-detail.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { ItemsService } from './items.service.js';
import { WatchedService } from './watched.service.js';

@ApiTags('browse')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly watched: WatchedService,
  ) {}

  /** An item's detail page: a show with its seasons and the episode to play next, a season with its episodes. */
  @Get(':ratingKey')
  @ApiRatingKey()
  @ApiErrorResponses(400, 404, 502, 503)
  getItem(@CurrentCaller() caller: Caller, @Param('ratingKey') ratingKey: string): Promise<ItemDetailDto> {
    return this.items.detail(caller.profileId, ratingKeyParam(ratingKey));
  }

  /** A page of an item's children: a show's seasons, a season's episodes, an album's tracks. */
  @Get(':ratingKey/children')
  @ApiRatingKey()
  @ApiErrorResponses(400, 404, 502, 503)
  listItemChildren(@CurrentCaller() caller: Caller, @Param('ratingKey') ratingKey: string, @Query() query: PageQueryDto): Promise<CardPageDto> {
    return this.items.children(caller.profileId, ratingKeyParam(ratingKey), query);
  }

  /** Marks an item watched (a show or season: all its episodes), on Plex and in the proxy's progress. */
  @Post(':ratingKey/watched')
  @HttpCode(200)
  @ApiRatingKey()
  @ApiErrorResponses(400, 404, 502, 503)
  markWatched(@CurrentCaller() caller: Caller, @Param('ratingKey') ratingKey: string): Promise<CardDto> {
    return this.watched.mark(caller.profileId, ratingKeyParam(ratingKey), true);
  }

  /** Marks an item unwatched: Plex forgets its plays and resume point, and so does the proxy. */
  @Delete(':ratingKey/watched')
  @ApiRatingKey()
  @ApiErrorResponses(400, 404, 502, 503)
  markUnwatched(@CurrentCaller() caller: Caller, @Param('ratingKey') ratingKey: string): Promise<CardDto> {
    return this.watched.mark(caller.profileId, ratingKeyParam(ratingKey), false);
  }
}
