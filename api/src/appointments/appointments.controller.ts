import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
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
import { AppointmentsService } from './appointments.service';
import { CreateAppointmentDto, RevokeAppointmentDto } from './dto/appointment.dto';

/** Pejabat pelaksana: Plh./Plt. appointments of an OPD's positions. */
@ApiTags('appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @ApiOperation({ summary: 'List Plh./Plt. appointments (admin: every OPD; head: own OPD)' })
  @ApiOkResponse({ description: 'AppointmentView[]' })
  @Can('read', 'Appointment')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {opdId, userId, current}' })
  @ApiQuery({ name: 'range', required: false })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['validFrom']);
    const { rows, total } = await this.appointments.list(auth, q);
    setContentRange(res, 'appointments', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appointment (its OPD head, admin, or the delegate)' })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'AppointmentView' })
  @ApiNotFoundResponse({ description: 'No such appointment, or not one the caller may see' })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.appointments.get(auth, id);
  }

  @Get(':id/log')
  @ApiOperation({ summary: "An appointment's audit log (created, revoked)" })
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'AppointmentLogEntry[]' })
  @ApiNotFoundResponse({ description: 'No such appointment, or not one the caller may see' })
  log(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.appointments.log(auth, id);
  }

  @Post()
  @ApiOperation({ summary: 'Appoint a Plh./Plt. to a position for whole WIB days' })
  @ApiCreatedResponse({ description: 'AppointmentView' })
  @ApiUnprocessableEntityResponse({ description: 'APPOINTMENT_OVERLAP, RULE_VIOLATED, REFERENCE_INVALID, FIELD_REQUIRED' })
  @Can('create', 'Appointment')
  create(@Auth() auth: AuthContext, @Body() dto: CreateAppointmentDto) {
    return this.appointments.create(auth, dto);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'End an appointment now (or cancel one not yet started)' })
  @ApiCreatedResponse({ description: 'AppointmentView' })
  @ApiNotFoundResponse({ description: 'No such appointment' })
  @Can('update', 'Appointment')
  revoke(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: RevokeAppointmentDto) {
    return this.appointments.revoke(auth, id, dto.reason);
  }
}
