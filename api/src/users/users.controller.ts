import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { USER_SORTABLE, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List staff users' })
  @Can('read', 'User')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {q, role, opdId, active, id}' })
  @ApiQuery({ name: 'sort', required: false, description: 'JSON: ["username","ASC"]' })
  @ApiQuery({ name: 'range', required: false, description: 'JSON: [0,24]' })
  @ApiOkResponse({ type: UserView, isArray: true })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, USER_SORTABLE);
    const { rows, total } = await this.users.list(auth, q);
    setContentRange(res, 'users', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff user' })
  @Can('read', 'User')
  @ApiOkResponse({ type: UserView })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.users.get(auth, id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff user' })
  @Can('create', 'User')
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a staff user (roles, OPD, active)' })
  @Can('update', 'User')
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }
}
