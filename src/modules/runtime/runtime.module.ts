import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { MemoryProfileService } from './memory-profile.service.js';

/** How the process itself runs: V8's memory profile. */
@Module({
  imports: [SessionsModule],
  providers: [MemoryProfileService],
})
export class RuntimeModule {}
