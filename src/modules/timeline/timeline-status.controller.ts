import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiNoAuth } from '../../common/api-security.decorators.js';
import type { TimelineStatusDto } from './timeline-status.dto.js';
import { TimelineScheduler } from './timeline-scheduler.service.js';

@ApiTags('health')
@ApiNoAuth()
// Probes and monitoring are not rate limited (they carry no key and would share a budget per address).
@SkipThrottle()
@Controller('health/timeline')
export class TimelineStatusController {
  constructor(private readonly scheduler: TimelineScheduler) {}

  /** How the timeline scheduler is doing: sessions reported on, reports sent, lateness of periodic reports. */
  @Get()
  getTimelineStatus(): TimelineStatusDto {
    return { sessions: this.scheduler.size, ...this.scheduler.stats.snapshot() };
  }
}
