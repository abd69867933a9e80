import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
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
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.appointments.get(auth, id);
  }

  @Get(':id/log')
  log(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.appointments.log(auth, id);
  }

  @Post()
  @Can('create', 'Appointment')
  create(@Auth() auth: AuthContext, @Body() dto: CreateAppointmentDto) {
    return this.appointments.create(auth, dto);
  }

  @Post(':id/revoke')
  @Can('update', 'Appointment')
  revoke(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: RevokeAppointmentDto) {
    return this.appointments.revoke(auth, id, dto.reason);
  }
}
