import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '../common/auth/can.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { DatePipe } from '../common/pipes/date.pipe';
import { CreateHolidayDto, HolidayView } from './dto/holiday.dto';
import { HolidaysService } from './holidays.service';

@ApiTags('holidays')
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({ summary: 'List holidays and collective leave days' })
  @Can('read', 'Holiday')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {year, kind}' })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: HolidayView, isArray: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['date']);
    const { rows, total } = await this.holidays.list(q);
    setContentRange(res, 'holidays', q.offset, rows.length, total);
    return rows;
  }

  @Get(':date')
  @ApiOperation({ summary: 'One holiday' })
  @Can('read', 'Holiday')
  @ApiOkResponse({ type: HolidayView })
  get(@Param('date', DatePipe) date: string) {
    return this.holidays.get(date);
  }

  @Post()
  @ApiOperation({ summary: 'Add a holiday' })
  @Can('create', 'Holiday')
  @ApiCreatedResponse({ type: HolidayView })
  create(@Body() dto: CreateHolidayDto) {
    return this.holidays.create(dto);
  }

  @Delete(':date')
  @ApiOperation({ summary: 'Remove a holiday' })
  @Can('manage', 'Holiday')
  @ApiOkResponse({ type: HolidayView })
  remove(@Param('date', DatePipe) date: string) {
    return this.holidays.remove(date);
  }
}
