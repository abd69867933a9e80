import { Controller, Get, Header, Headers, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/public.decorator';
import { TransparencyService } from './transparency.service';

/** Browsers and proxies keep the table as long as the instance does (TRANSPARENCY_CACHE_MS). */
const CACHE = 'public, max-age=300';

/** The public transparency page's data (docs/REPORTS.md): no login, aggregates only. */
@ApiTags('public')
@ApiBadRequestResponse({ description: 'year is not a year the system has figures for' })
@ApiTooManyRequestsResponse({ description: 'Rate limit per address' })
@Public()
@UseGuards(ThrottlerGuard)
@Controller('public')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('transparency')
  @ApiOperation({ summary: 'Public service figures per month, OPD and service' })
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @Header('Cache-Control', CACHE)
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({
    description: 'Per month, OPD and service: received, completed, % on time, median working days, IKM; small cells are null',
  })
  report(
    @Query('year') year: string | undefined,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.transparency.respond(year, etag, res, false);
  }

  @Get('transparency.json')
  @ApiOperation({ summary: 'The public table as a JSON download' })
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @Header('Cache-Control', CACHE)
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({ description: 'The same table as a JSON file' })
  json(
    @Query('year') year: string | undefined,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.transparency.respond(year, etag, res, true);
  }

  @Get('transparency.csv')
  @ApiOperation({ summary: 'The public table as CSV' })
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @Header('Cache-Control', CACHE)
  @ApiQuery({ name: 'year', required: false })
  @ApiOkResponse({ description: 'The same table as CSV' })
  csv(@Query('year') year?: string) {
    return this.transparency.csv(year);
  }
}
