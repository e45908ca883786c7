import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { ImagesModule } from '../images/images.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BrowseCache } from './browse-cache.service.js';
import { Cards } from './cards.service.js';
import { ContinueWatching } from './continue-watching.service.js';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';
import { ItemsController } from './items.controller.js';
import { ItemsService } from './items.service.js';
import { LibrariesController } from './libraries.controller.js';
import { LibrariesService } from './libraries.service.js';
import { LibraryReader } from './library-reader.service.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';
import { WatchedService } from './watched.service.js';

/** Finding what to play: libraries, home rows, search, details, marks; every answer per profile. */
@Module({
  imports: [PlexModule, HouseholdsModule, AuthModule, SessionsModule, ImagesModule],
  controllers: [LibrariesController, HomeController, ItemsController, SearchController],
  providers: [BrowseCache, Cards, ContinueWatching, HomeService, ItemsService, LibrariesService, LibraryReader, SearchService, WatchedService],
})
export class BrowseModule {}
