import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AdminProfilesController } from './admin-profiles.controller.js';
import { AdminProfilesService } from './admin-profiles.service.js';
import { AdminServersController } from './admin-servers.controller.js';

/** The admin API: profiles, their keys and the Plex servers, authorised by the admin token. */
@Module({
  imports: [AuthModule, HouseholdsModule, SessionsModule],
  controllers: [AdminProfilesController, AdminServersController],
  providers: [AdminProfilesService],
})
export class AdminModule {}
