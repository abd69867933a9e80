import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../common/auth/public.decorator';
import { TransparencyService } from './transparency.service';

const CACHE = 'public, max-age=300';

/** The public transparency page's data (docs/REPORTS.md): no login, aggregates only. */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('public')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('transparency')
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @Header('Cache-Control', CACHE)
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({ description: 'Per month, OPD and service: received, completed, % on time, median working days; cells under 5 are null' })
  report(@Query('year') year?: string) {
    return this.transparency.report(year);
  }

  @Get('transparency.csv')
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @Header('Cache-Control', CACHE)
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({ description: 'The same table as CSV' })
  csv(@Query('year') year?: string) {
    return this.transparency.csv(year);
  }
}
