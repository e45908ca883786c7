import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import { SearchQueryDto, type SearchResultsDto } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('browse')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  /** Titles matching `q` in the libraries the caller may see, grouped by type. */
  @Get()
  @ApiErrorResponses(400, 502, 503)
  search(@CurrentCaller() caller: Caller, @Query() query: SearchQueryDto): Promise<SearchResultsDto> {
    return this.searches.search(caller.profileId, query);
  }
}
