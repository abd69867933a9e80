import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CreateServiceDto, ServiceActiveDto, ServiceView, UpdateServiceDto } from './dto/service.dto';
import { SERVICE_SORTABLE, ServicesService } from './services.service';

@ApiTags('services')
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @ApiOperation({ summary: 'List services' })
  @Can('read', 'Service')
  @ApiQuery({
    name: 'filter',
    required: false,
    description: 'JSON: id, opdId, q; scope "reports" keeps the services whose report figures the caller may read',
  })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: ServiceView, isArray: true })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, SERVICE_SORTABLE);
    const { rows, total } = await this.services.list(q, { ability: auth.ability });
    setContentRange(res, 'services', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service with its current version' })
  @Can('read', 'Service')
  @ApiOkResponse({ type: ServiceView })
  get(@Param('id', UuidPipe) id: string) {
    return this.services.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a service' })
  @Can('create', 'Service')
  @ApiCreatedResponse({ type: ServiceView })
  create(@Auth() auth: AuthContext, @Body() dto: CreateServiceDto) {
    return this.services.create(dto, auth.user.id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a service (a new version)' })
  @Can('update', 'Service')
  @ApiOkResponse({ type: ServiceView, description: 'A new version; running cases keep theirs' })
  update(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: UpdateServiceDto) {
    return this.services.update(id, dto, auth.user.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Deactivate or reactivate a service (no new version)' })
  @Can('update', 'Service')
  @ApiOkResponse({ type: ServiceView, description: 'Inactive: not in the public catalog, no new applications; running cases continue' })
  setActive(@Param('id', UuidPipe) id: string, @Body() dto: ServiceActiveDto) {
    return this.services.setActive(id, dto.active);
  }

  // Not an operation of the API (no success answer, so not in the OpenAPI document): a client that
  // tries to delete a service (react-admin's Delete button) learns what to do instead.
  @Delete(':id')
  @ApiExcludeEndpoint()
  @Can('update', 'Service')
  remove(@Param('id', UuidPipe) id: string) {
    return this.services.remove(id);
  }
}
