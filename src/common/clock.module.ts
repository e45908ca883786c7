import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BackgroundTasks } from './background-tasks.js';
import { Clock } from './clock.js';

/** Provides the clock, and the background work timed by it, everywhere; tests hand in a fake clock. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }, BackgroundTasks], exports: [Clock, BackgroundTasks] };
  }
}
