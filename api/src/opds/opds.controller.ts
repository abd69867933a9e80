import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '../common/auth/can.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateOpdDto, OpdView, UpdateOpdDto } from './dto/opd.dto';
import { OPD_SORTABLE, OpdsService } from './opds.service';

@ApiTags('opds')
@Controller('opds')
export class OpdsController {
  constructor(private readonly opds: OpdsService) {}

  @Get()
  @ApiOperation({ summary: 'List OPDs (agencies)' })
  @Can('read', 'Opd')
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: OpdView, isArray: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, OPD_SORTABLE);
    const { rows, total } = await this.opds.list(q);
    setContentRange(res, 'opds', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One OPD' })
  @Can('read', 'Opd')
  @ApiOkResponse({ type: OpdView })
  get(@Param('id', UuidPipe) id: string) {
    return this.opds.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an OPD' })
  @Can('create', 'Opd')
  @ApiCreatedResponse({ type: OpdView })
  create(@Body() dto: CreateOpdDto) {
    return this.opds.create(dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change an OPD' })
  @Can('update', 'Opd')
  @ApiOkResponse({ type: OpdView })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateOpdDto) {
    return this.opds.update(id, dto);
  }
}
