import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module.js';
import { StreamLinks } from './stream-links.service.js';

/** Issuing and checking signed stream URLs; the session API puts them in its answers. */
@Module({
  imports: [HouseholdsModule],
  providers: [StreamLinks],
  exports: [StreamLinks],
})
export class StreamLinksModule {}
