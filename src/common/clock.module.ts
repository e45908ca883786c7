import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from './clock.js';

/** Provides the clock everywhere; tests hand in a fake one. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
