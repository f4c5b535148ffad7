import { AppConfig } from '@app/config';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly indicators: HealthIndicatorFunction[];

  constructor(
    private readonly health: HealthCheckService,
    postgres: TypeOrmHealthIndicator,
    redis: RedisHealthIndicator,
    config: AppConfig,
  ) {
    // PostgreSQL always; Redis only when the queues are on it (QUEUE_BACKEND=redis).
    this.indicators = [() => postgres.pingCheck('postgres', { timeout: 1500 })];
    if (config.QUEUE_BACKEND === 'redis') this.indicators.push(() => redis.isHealthy('redis'));
  }

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'State of PostgreSQL and, on the redis queue backend, Redis; 503 when one is down',
  })
  check() {
    return this.health.check(this.indicators);
  }
}
