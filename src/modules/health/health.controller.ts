import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiNoAuth } from '../../common/api-security.decorators.js';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { PlexHealthIndicator } from './plex.health.js';

@ApiTags('health')
@ApiNoAuth()
// Probes and monitoring are not rate limited (they carry no key and would share a budget per address).
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly plex: PlexHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  /** Database and Plex reachability; 503 when either is down. */
  @Get()
  @HealthCheck()
  checkHealth(): Promise<HealthCheckResult> {
    // The data source is given, not looked up through Terminus's dynamic import of @nestjs/typeorm.
    const database = () => this.database.pingCheck('database', { connection: this.dataSource, timeout: 2000 });
    return this.health.check([database, () => this.plex.check()]);
  }
}
