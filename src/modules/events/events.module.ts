import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EventsController } from './events.controller.js';
import { LiveEventsService } from './live-events.service.js';

/** Live events over SSE: a profile's stream and the admin's. */
@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [LiveEventsService],
  exports: [LiveEventsService],
})
export class EventsModule {}
