import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '../common/auth/can.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateHolidayDto, HolidayView, UpdateHolidayDto } from './dto/holiday.dto';
import { HolidaysService } from './holidays.service';

@ApiTags('holidays')
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({ summary: 'List holidays and collective leave days' })
  @Can('read', 'Holiday')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {year, kind}; a day with two holidays lists both' })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: HolidayView, isArray: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['date']);
    const { rows, total } = await this.holidays.list(q);
    setContentRange(res, 'holidays', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One holiday' })
  @Can('read', 'Holiday')
  @ApiOkResponse({ type: HolidayView })
  get(@Param('id', UuidPipe) id: string) {
    return this.holidays.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a holiday' })
  @Can('create', 'Holiday')
  @ApiCreatedResponse({ type: HolidayView })
  create(@Body() dto: CreateHolidayDto) {
    return this.holidays.create(dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Correct a holiday (its name, kind or source)' })
  @Can('update', 'Holiday')
  @ApiOkResponse({ type: HolidayView })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateHolidayDto) {
    return this.holidays.update(id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a holiday' })
  @Can('manage', 'Holiday')
  @ApiOkResponse({ type: HolidayView })
  remove(@Param('id', UuidPipe) id: string) {
    return this.holidays.remove(id);
  }
}
