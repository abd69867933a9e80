import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { Public } from '../common/auth/public.decorator';
import { OptionalUuidPipe } from '../common/pipes/uuid.pipe';
import { SurveyDto, SurveyReceiptView, SurveyStateView } from './dto/survey.dto';
import { IkmReportService } from './ikm-report.service';
import { SurveyService } from './survey.service';

const MINUTE = 60_000;
const TRACK_LIMIT = { default: { limit: 10, ttl: MINUTE } };
// A household answers for several applications at once from one address; still far too few
// tries to guess a factor (10,000 values per code).
const SUBMIT_LIMIT = { default: { limit: 20, ttl: MINUTE } };

@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@ApiTooManyRequestsResponse({ description: 'Rate limit per IP exceeded' })
@Controller('public/track/:trackingCode/survey')
export class PublicSurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get()
  @ApiOperation({ summary: "Whether the application's satisfaction survey is open or answered" })
  @Throttle(TRACK_LIMIT)
  @ApiQuery({ name: 'factor', required: true, description: 'Last 4 digits of the NIK or of the phone number' })
  @ApiOkResponse({ type: SurveyStateView })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor (the same answer as tracking)' })
  state(@Param('trackingCode') code: string, @Query('factor') factor: string | undefined) {
    return this.survey.state(code, factor);
  }

  @Post()
  @ApiOperation({ summary: 'Answer the satisfaction survey (SKM) of a completed application' })
  @Throttle(SUBMIT_LIMIT)
  @ApiCreatedResponse({ type: SurveyReceiptView, description: 'Stored; 200 with the first response when the case already has one' })
  @ApiBadRequestResponse({
    description: 'A score is missing or outside 1–4 (details name scores.<element>), or a profile value is unknown',
  })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor' })
  @ApiConflictResponse({ description: 'SURVEY_NOT_OPEN: the application is not completed yet' })
  async submit(@Param('trackingCode') code: string, @Body() dto: SurveyDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const receipt = await this.survey.submit(code, dto);
    if (!receipt.created) void reply.status(200);
    return receipt;
  }
}

@ApiTags('reports')
@Controller('satisfaction')
export class SatisfactionController {
  constructor(private readonly ikm: IkmReportService) {}

  @Get('ikm')
  @ApiOperation({ summary: 'Satisfaction index (IKM) per month, service and OPD' })
  @Can('readReport', 'Report')
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM (default: 11 months before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM (default: this month, Asia/Jakarta)' })
  @ApiQuery({ name: 'opdId', required: false })
  @ApiQuery({ name: 'serviceId', required: false })
  @ApiOkResponse({ description: 'IKM per month, service and OPD with each element’s NRR, grade and the sample check' })
  report(
    @Auth() auth: AuthContext,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('opdId', OptionalUuidPipe) opdId?: string,
    @Query('serviceId', OptionalUuidPipe) serviceId?: string,
  ) {
    return this.ikm.report(auth, { from, to, opdId, serviceId });
  }

  @Get('suggestions')
  @ApiOperation({ summary: "Citizens' suggestions from the surveys (anonymous)" })
  @Can('readReport', 'Report')
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'opdId', required: false })
  @ApiQuery({ name: 'serviceId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiOkResponse({ description: 'Saran dan masukan: text, service and month only (no case, no applicant)' })
  suggestions(
    @Auth() auth: AuthContext,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('opdId', OptionalUuidPipe) opdId?: string,
    @Query('serviceId', OptionalUuidPipe) serviceId?: string,
    @Query('limit') limit?: string,
  ) {
    return this.ikm.suggestions(auth, { from, to, opdId, serviceId, limit: limit === undefined ? undefined : Number(limit) });
  }
}
