import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFiles, UploadInterceptor } from '../files/upload.interceptor';
import { CASE_SORT_FIELDS } from '@layanan/contracts';
import { CaseEventsService } from './case-events.service';
import { CaseIntakeService } from './case-intake.service';
import { CaseReadsService } from './case-reads.service';
import {
  AuditView,
  BulkAssignDto,
  BulkEventsDto,
  BulkResultView,
  CaseDetailView,
  CaseEventDto,
  CaseEventView,
  CaseSummaryView,
  COUNTER_CASE_BODY,
  CreateCaseDto,
  QueueCountsView,
} from './dto/case.dto';
import { QueueCountsService } from './queue-counts.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly reads: CaseReadsService,
    private readonly events: CaseEventsService,
    private readonly intake: CaseIntakeService,
    private readonly counts: QueueCountsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cases (queues, filters, sort; offset or cursor pages)' })
  @Can('read', 'Case')
  @ApiQuery({
    name: 'filter',
    required: false,
    description:
      'JSON: {queue: waiting|mine|unassigned|opd|overdue|due-soon|all, q, serviceId, state, assigneeId, opdId, id, submittedFrom, submittedTo}',
  })
  @ApiQuery({ name: 'sort', required: false, description: 'JSON: ["dueAt"|"submittedAt"|"id","ASC"|"DESC"]' })
  @ApiQuery({ name: 'range', required: false, description: 'JSON: [0,24] (offset paging for react-admin)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'Keyset cursor from the X-Next-Cursor header: page N costs what page 1 costs' })
  @ApiOkResponse({
    type: CaseSummaryView,
    isArray: true,
    description:
      'Content-Range carries the exact total, or `*` when the count reached its cap (then X-Total-At-Least says how many exist at least); X-Next-Cursor the next page',
  })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, CASE_SORT_FIELDS);
    const page = await this.reads.list(auth, { ...q, cursor: typeof query.cursor === 'string' && query.cursor ? query.cursor : undefined });
    if (page.total !== null || page.atLeast !== null) setContentRange(res, 'cases', q.offset, page.rows.length, page.total ?? '*');
    if (page.atLeast !== null) res.header('X-Total-At-Least', String(page.atLeast));
    if (page.nextCursor) res.header('X-Next-Cursor', page.nextCursor);
    return page.rows;
  }

  @Get('queue-counts')
  @ApiOperation({ summary: "Counts of the caller's queues" })
  @Can('read', 'Case')
  @ApiOkResponse({ type: QueueCountsView })
  queueCounts(@Auth() auth: AuthContext) {
    return this.counts.counts(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Register an application at the counter (with its documents)' })
  @Can('create', 'Case')
  @UseInterceptors(UploadInterceptor({ kind: 'many', maxFiles: 20 }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(COUNTER_CASE_BODY)
  @ApiCreatedResponse({ type: CaseDetailView, description: 'The case and its documents, written together' })
  create(@Auth() auth: AuthContext, @Body() body: Record<string, unknown>, @UploadedFiles() files: IncomingFile[] | undefined) {
    return this.intake.createCounterCase(auth, body, files, CreateCaseDto);
  }

  @Post('bulk-assign')
  @ApiOperation({ summary: 'Assign several cases at once' })
  @HttpCode(200)
  @Can('assign', 'Case')
  @ApiOkResponse({ type: BulkResultView, isArray: true })
  bulkAssign(@Auth() auth: AuthContext, @Body() dto: BulkAssignDto) {
    return this.events.bulkAssign(auth, dto.caseIds, dto.assigneeId, dto.reason);
  }

  @Post('bulk-events')
  @ApiOperation({ summary: 'Send one workflow event to several cases' })
  @HttpCode(200)
  @Can('act', 'Case')
  @ApiOkResponse({ type: BulkResultView, isArray: true, description: 'One result per case, in the order sent' })
  bulkEvents(@Auth() auth: AuthContext, @Body() dto: BulkEventsDto) {
    return this.events.bulkEvents(auth, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case with the actions the caller may take' })
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseDetailView })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.reads.detail(auth, id);
  }

  @Post(':id/events')
  @ApiOperation({ summary: 'Send a workflow event or operational action to a case' })
  @HttpCode(200)
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseDetailView })
  @ApiConflictResponse({ description: 'Stale version or the state does not accept the event; body.current has the state now' })
  @ApiUnprocessableEntityResponse({ description: 'A required field (reason...) is missing or a guard failed' })
  act(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: CaseEventDto) {
    return this.events.act(auth, id, dto);
  }

  @Get(':id/events')
  @ApiOperation({ summary: "A case's log" })
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseEventView, isArray: true })
  caseEvents(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.reads.events(auth, id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: "Verify a case's hash-chained log" })
  @Can('read', 'Case')
  @ApiOkResponse({ type: AuditView })
  audit(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.reads.audit(auth, id);
  }
}
