import { Global, Module } from '@nestjs/common';
import { AppEvents } from './app-events.js';

/** The one event bus, everywhere (imported once, by the app module). */
@Global()
@Module({ providers: [AppEvents], exports: [AppEvents] })
export class AppEventsModule {}
