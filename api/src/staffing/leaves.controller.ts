import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateLeaveDto } from './dto/leave.dto';
import { LeavesService } from './leaves.service';

/** Cuti: a user's leave for whole WIB days (own, or by the OPD's section head/head, or an admin). */
@ApiTags('leaves')
@Controller('leaves')
export class LeavesController {
  constructor(private readonly leaves: LeavesService) {}

  @Get()
  @ApiOperation({ summary: 'List leave (own; section head/head: their OPD; admin: everyone), filtered in SQL' })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'LeaveView[]' })
  @ApiUnauthorizedResponse({ description: 'Not logged in' })
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {userId, current}' })
  @ApiQuery({ name: 'range', required: false })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['validFrom']);
    const { rows, total } = await this.leaves.list(auth, q);
    setContentRange(res, 'leaves', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One leave' })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'LeaveView' })
  @ApiNotFoundResponse({ description: 'No such leave, or not one the caller may see' })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.leaves.get(auth, id);
  }

  @Get(':id/log')
  @ApiOperation({ summary: "A leave's audit log (created, cancelled, shortened: who and when)" })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'LeaveLogEntry[]' })
  @ApiNotFoundResponse({ description: 'No such leave, or not one the caller may see' })
  log(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.leaves.log(auth, id);
  }

  @Post()
  @ApiOperation({ summary: 'Record leave for whole WIB days (own by default, or userId)' })
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'LeaveView' })
  @ApiUnprocessableEntityResponse({ description: 'LEAVE_OVERLAP, FIELD_INVALID, REFERENCE_INVALID' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateLeaveDto) {
    return this.leaves.create(auth, dto);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel a leave not yet begun, or end one under way with yesterday' })
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'LeaveView' })
  @ApiNotFoundResponse({ description: 'No such leave' })
  cancel(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.leaves.cancel(auth, id);
  }
}
