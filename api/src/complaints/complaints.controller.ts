import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { Public } from '../common/auth/public.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { OptionalUuidPipe, UuidPipe } from '../common/pipes/uuid.pipe';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFile, UploadInterceptor } from '../files/upload.interceptor';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintReportService } from './complaint-report.service';
import { ComplaintsService } from './complaints.service';
import {
  ComplaintActionDto,
  ComplaintDetailView,
  ComplaintReportView,
  ComplaintSummaryView,
  NEW_COMPLAINT_BODY,
  NewComplaintDto,
  PublicComplaintViewDto,
} from './dto/complaint.dto';
import { LaporSyncService } from './lapor-sync.service';

const MINUTE = 60_000;

@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@ApiTooManyRequestsResponse({ description: 'Rate limit per IP exceeded' })
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(private readonly intake: ComplaintIntakeService) {}

  @Post()
  @ApiOperation({ summary: 'File a complaint (pengaduan) about a tracked application or a service' })
  @Throttle({ default: { limit: 10, ttl: MINUTE } })
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'attachment' }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(NEW_COMPLAINT_BODY)
  @ApiCreatedResponse({ type: PublicComplaintViewDto, description: 'Received, with its own tracking code and answer deadline' })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed (details name it); nothing is stored' })
  @ApiNotFoundResponse({ description: 'Unknown tracking code or wrong factor (the same answer as tracking)' })
  @ApiPayloadTooLargeResponse({ description: 'The attachment exceeds UPLOAD_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The attachment is not a PDF/JPEG/PNG/WebP by content' })
  @ApiUnprocessableEntityResponse({ description: 'REFERENCE_INVALID: the service is not offered' })
  file(@Body() dto: NewComplaintDto, @UploadedFile() attachment: IncomingFile | undefined) {
    return this.intake.file(dto, attachment);
  }

  @Get(':code')
  @ApiOperation({ summary: 'A complaint by its code: status and the answer' })
  @Throttle({ default: { limit: 20, ttl: MINUTE } })
  @ApiOkResponse({ type: PublicComplaintViewDto })
  @ApiNotFoundResponse({ description: 'No complaint has this code' })
  track(@Param('code') code: string) {
    return this.intake.track(code);
  }
}

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly reports: ComplaintReportService,
    private readonly lapor: LaporSyncService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Complaints the caller may read (newest first)' })
  @Can('read', 'Complaint')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {state, opdId, serviceId, caseId, q (complaint or case code)}' })
  @ApiQuery({ name: 'sort', required: false, description: '["receivedAt"|"dueAt"|"id","ASC"|"DESC"]' })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: ComplaintSummaryView, isArray: true })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['receivedAt', 'dueAt']);
    const { rows, total } = await this.complaints.list(auth, q);
    setContentRange(res, 'complaints', q.offset, rows.length, total);
    return rows;
  }

  @Get('report')
  @ApiOperation({ summary: 'Complaint counts and response times per month, OPD and service' })
  @Can('read', 'Complaint')
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'YYYY-MM, or a Jakarta day YYYY-MM-DD (then `to` too; default: 11 months before `to`)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'YYYY-MM, or a Jakarta day YYYY-MM-DD, inclusive (default: this month, Asia/Jakarta)',
  })
  @ApiQuery({ name: 'opdId', required: false })
  @ApiQuery({ name: 'serviceId', required: false })
  @ApiOkResponse({ type: ComplaintReportView })
  report(
    @Auth() auth: AuthContext,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('opdId', OptionalUuidPipe) opdId?: string,
    @Query('serviceId', OptionalUuidPipe) serviceId?: string,
  ) {
    return this.reports.report(auth, { from, to, opdId, serviceId });
  }

  @Post('lapor/mirror')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mirror the SP4N-LAPOR! status of forwarded complaints now' })
  @Can('act', 'Complaint')
  @ApiOkResponse({ description: '{ updated }: how many statuses were read' })
  async mirror() {
    return { updated: await this.lapor.mirror() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One complaint with the steps the caller may take' })
  @Can('read', 'Complaint')
  @ApiOkResponse({ type: ComplaintDetailView })
  @ApiNotFoundResponse({ description: 'No such complaint, or not one the caller may read' })
  detail(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.complaints.detail(auth, id);
  }

  @Get(':id/attachment')
  @ApiOperation({ summary: "The complaint's attachment" })
  @Can('read', 'Complaint')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The stored bytes', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such complaint or no attachment' })
  attachment(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.complaints.attachment(auth, id);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a step: START (in handling), ANSWER (with the answer), CLOSE' })
  @Can('act', 'Complaint')
  @ApiOkResponse({ type: ComplaintDetailView })
  @ApiNotFoundResponse({ description: 'No such complaint, or not one the caller may read' })
  @ApiConflictResponse({ description: 'COMPLAINT_STATE_INVALID: the state does not allow the step, or the version is stale' })
  @ApiUnprocessableEntityResponse({ description: 'FIELD_REQUIRED: ANSWER needs an answer' })
  act(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: ComplaintActionDto) {
    return this.complaints.act(auth, id, dto);
  }

  @Post(':id/lapor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Forward the complaint to SP4N-LAPOR!' })
  @Can('act', 'Complaint')
  @ApiOkResponse({ type: ComplaintDetailView, description: 'Forwarded: laporTrackingId and laporStatus are set' })
  @ApiConflictResponse({ description: 'COMPLAINT_STATE_INVALID: already forwarded or closed' })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: SP4N-LAPOR! is not configured' })
  forward(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.lapor.forward(auth, id);
  }
}
