import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '../common/auth/can.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateWorkflowDto, WorkflowDiffResponse, WorkflowView } from './dto/workflow.dto';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @ApiOperation({ summary: 'List workflow definitions' })
  @Can('read', 'Service')
  @ApiQuery({ name: 'filter', required: false, description: '{"id":[...]} or {"key":"standard"}' })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: WorkflowView, isArray: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['key']);
    const { rows, total } = await this.workflows.list(q);
    setContentRange(res, 'workflows', q.offset, rows.length, total);
    return rows;
  }

  @Get('diff')
  @ApiOperation({ summary: 'What changed between two published versions of a workflow' })
  @Can('read', 'Service')
  @ApiQuery({ name: 'from', description: 'id of a published version' })
  @ApiQuery({ name: 'to', description: 'id of a published version' })
  @ApiOkResponse({ type: WorkflowDiffResponse })
  diff(@Query('from', UuidPipe) from: string, @Query('to', UuidPipe) to: string) {
    return this.workflows.diff(from, to);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One workflow definition version' })
  @Can('read', 'Service')
  @ApiOkResponse({ type: WorkflowView })
  get(@Param('id', UuidPipe) id: string) {
    return this.workflows.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Save a workflow definition (a new version)' })
  @Can('create', 'Workflow')
  @ApiCreatedResponse({ type: WorkflowView })
  create(@Body() dto: CreateWorkflowDto) {
    return this.workflows.create(dto.definition);
  }
}
