import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module.js';
import { PlexModule } from '../plex/plex.module.js';
import { ImageLinks } from './image-links.service.js';
import { ImagesController } from './images.controller.js';
import { ImagesService } from './images.service.js';

/** Artwork for thin clients: signed, deterministic URLs in cards, served through Plex's photo transcoder. */
@Module({
  imports: [PlexModule, HouseholdsModule],
  controllers: [ImagesController],
  providers: [ImageLinks, ImagesService],
  exports: [ImageLinks],
})
export class ImagesModule {}
