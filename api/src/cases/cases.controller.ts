import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CASE_SORTABLE } from './case-queries';
import { CasesService } from './cases.service';
import {
  AuditView,
  BulkAssignDto,
  BulkResultView,
  CaseDetailView,
  CaseEventDto,
  CaseEventView,
  CaseSummaryView,
  CreateCaseDto,
  QueueCountsView,
} from './dto/case.dto';
import { QueueCountsService } from './queue-counts.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly counts: QueueCountsService,
  ) {}

  @Get()
  @Can('read', 'Case')
  @ApiQuery({
    name: 'filter',
    required: false,
    description:
      'JSON: {queue: mine|unassigned|opd|overdue|due-soon|all, q, serviceId, state, assigneeId, opdId, submittedFrom, submittedTo}',
  })
  @ApiQuery({ name: 'sort', required: false, description: 'JSON: ["dueAt"|"submittedAt","ASC"|"DESC"]' })
  @ApiQuery({ name: 'range', required: false, description: 'JSON: [0,24] (offset paging for react-admin)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'Keyset cursor from the X-Next-Cursor header: page N costs what page 1 costs' })
  @ApiOkResponse({
    type: CaseSummaryView,
    isArray: true,
    description: 'Content-Range carries the total (counted at most ten pages ahead); X-Next-Cursor the next page',
  })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, CASE_SORTABLE);
    const cursor = typeof query.cursor === 'string' && query.cursor ? query.cursor : undefined;
    const { rows, total, nextCursor } = await this.cases.list(auth, { ...q, cursor });
    if (total !== null) setContentRange(res, 'cases', q.offset, rows.length, total);
    if (nextCursor) res.header('X-Next-Cursor', nextCursor);
    return rows;
  }

  @Get('queue-counts')
  @Can('read', 'Case')
  @ApiOkResponse({ type: QueueCountsView })
  queueCounts(@Auth() auth: AuthContext) {
    return this.counts.counts(auth);
  }

  @Post()
  @Can('create', 'Case')
  @ApiCreatedResponse({ type: CaseDetailView })
  create(@Auth() auth: AuthContext, @Body() dto: CreateCaseDto) {
    return this.cases.createCounterCase(auth, dto);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Can('assign', 'Case')
  @ApiOkResponse({ type: BulkResultView, isArray: true })
  bulkAssign(@Auth() auth: AuthContext, @Body() dto: BulkAssignDto) {
    return this.cases.bulkAssign(auth, dto.caseIds, dto.assigneeId, dto.reason);
  }

  @Get(':id')
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseDetailView })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.cases.detail(auth, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseDetailView })
  @ApiConflictResponse({ description: 'Stale version or the state does not accept the event; body.current has the state now' })
  @ApiUnprocessableEntityResponse({ description: 'A required field (reason...) is missing or a guard failed' })
  act(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: CaseEventDto) {
    return this.cases.act(auth, id, dto);
  }

  @Get(':id/events')
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseEventView, isArray: true })
  events(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.cases.events(auth, id);
  }

  @Get(':id/audit')
  @Can('read', 'Case')
  @ApiOkResponse({ type: AuditView })
  audit(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.cases.audit(auth, id);
  }
}
