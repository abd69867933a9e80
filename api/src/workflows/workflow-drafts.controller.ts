import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateWorkflowDraftDto, PublishWorkflowDraftDto, SaveWorkflowDraftDto } from './dto/workflow-draft.dto';
import { WorkflowDraftResponse, WorkflowView } from './dto/workflow.dto';
import { WorkflowDraftsService } from './workflow-drafts.service';

@ApiTags('workflows')
@Controller('workflow-drafts')
export class WorkflowDraftsController {
  constructor(private readonly drafts: WorkflowDraftsService) {}

  @Get()
  @ApiOperation({ summary: 'List workflow drafts' })
  @Can('create', 'Workflow')
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: WorkflowDraftResponse, isArray: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['key']);
    const { rows, total } = await this.drafts.list(q);
    setContentRange(res, 'workflow-drafts', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One workflow draft' })
  @Can('create', 'Workflow')
  @ApiOkResponse({ type: WorkflowDraftResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.drafts.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Start a workflow draft' })
  @Can('create', 'Workflow')
  @ApiCreatedResponse({ type: WorkflowDraftResponse })
  create(@Auth() auth: AuthContext, @Body() dto: CreateWorkflowDraftDto) {
    return this.drafts.create(dto, auth.user.id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Save a workflow draft (its problems are listed, not refused)' })
  @Can('create', 'Workflow')
  @ApiOkResponse({ type: WorkflowDraftResponse })
  save(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: SaveWorkflowDraftDto) {
    return this.drafts.save(id, dto, auth.user.id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Discard a workflow draft' })
  @Can('create', 'Workflow')
  @ApiOkResponse({ type: WorkflowDraftResponse })
  discard(@Param('id', UuidPipe) id: string) {
    return this.drafts.discard(id);
  }

  @Post(':id/publish')
  @ApiOperation({ summary: 'Publish a workflow draft as a new version' })
  @HttpCode(201)
  @Can('create', 'Workflow')
  @ApiCreatedResponse({ type: WorkflowView })
  publish(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: PublishWorkflowDraftDto) {
    return this.drafts.publish(id, dto, auth.user.id);
  }
}
