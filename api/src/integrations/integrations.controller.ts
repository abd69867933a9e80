import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AcceptsApiKey } from '../common/auth/api-key';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { OptionalUuidPipe, UuidPipe } from '../common/pipes/uuid.pipe';
import { loadNotificationsConfig } from '../config';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFiles, UploadInterceptor } from '../files/upload.interceptor';
import { ApiKeyThrottlerGuard } from './api-key-throttler.guard';
import { ApiKeysService } from './api-keys.service';
import { CaseDetailView, CaseSummaryView } from '../cases/dto/case.dto';
import { CreateApiKeyDto, CreateSubscriberDto, ReplayDto, UpdateSubscriberDto } from './dto/integration.dto';
import { IntegrationApiService } from './integration-api.service';
import { SubscribersService } from './subscribers.service';

/** Webhook subscribers (admin). */
@ApiTags('integrations')
@Controller('webhook-subscribers')
export class SubscribersController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Get()
  @ApiOperation({ summary: 'List webhook subscribers' })
  @Can('read', 'Integration')
  @ApiOkResponse({ description: 'Every subscriber (Content-Range)' })
  async list(@Res({ passthrough: true }) res: FastifyReply) {
    const rows = await this.subscribers.list();
    setContentRange(res, 'webhook-subscribers', 0, rows.length, rows.length);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook subscriber' })
  @Can('read', 'Integration')
  @ApiOkResponse({ description: 'The subscriber' })
  get(@Param('id', UuidPipe) id: string) {
    return this.subscribers.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Register a webhook subscriber (its secret is shown once)' })
  @Can('create', 'Integration')
  @ApiCreatedResponse({ description: 'The subscriber with its signing secret (shown only here)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateSubscriberDto) {
    return this.subscribers.create(auth, dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a webhook subscriber' })
  @Can('update', 'Integration')
  @ApiOkResponse({ description: 'The subscriber' })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateSubscriberDto) {
    return this.subscribers.update(id, dto);
  }

  @Post(':id/rotate-secret')
  @ApiOperation({ summary: "Rotate a subscriber's signing secret" })
  @HttpCode(200)
  @Can('update', 'Integration')
  @ApiOkResponse({ description: 'The subscriber with its new signing secret (shown only here)' })
  rotate(@Param('id', UuidPipe) id: string) {
    return this.subscribers.rotate(id);
  }

  @Post(':id/resume')
  @ApiOperation({ summary: 'Resume a suspended subscriber now (its paused deliveries are sent, in order)' })
  @HttpCode(200)
  @Can('update', 'Integration')
  @ApiOkResponse({ description: 'The subscriber, no longer suspended' })
  resume(@Param('id', UuidPipe) id: string) {
    return this.subscribers.resume(id);
  }

  @Post(':id/replay')
  @ApiOperation({ summary: 'Replay past events to a subscriber' })
  @HttpCode(200)
  @Can('update', 'Integration')
  @ApiOkResponse({ description: '`{ queued }`: deliveries queued' })
  replay(@Param('id', UuidPipe) id: string, @Body() dto: ReplayDto) {
    return this.subscribers.replay(id, dto.from, dto.to);
  }
}

/** Integration API keys (admin). */
@ApiTags('integrations')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List integration API keys' })
  @Can('read', 'Integration')
  @ApiOkResponse({ description: 'Keys (without their secret)' })
  async list(@Query('subscriberId', OptionalUuidPipe) subscriberId: string | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    const rows = await this.keys.list(subscriberId);
    setContentRange(res, 'api-keys', 0, rows.length, rows.length);
    return rows;
  }

  @Post()
  @ApiOperation({ summary: 'Create an integration API key (shown once)' })
  @Can('create', 'Integration')
  @ApiCreatedResponse({ description: 'The key with its token (shown only here)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(auth, dto);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke an integration API key' })
  @HttpCode(200)
  @Can('update', 'Integration')
  @ApiOkResponse({ description: 'The revoked key' })
  revoke(@Param('id', UuidPipe) id: string) {
    return this.keys.revoke(id);
  }
}

let rate: number | undefined;
/** Read once, when the first integration call arrives (the configuration is final by then). */
const apiKeyRate = (): number => (rate ??= loadNotificationsConfig().apiKeyRateLimit);

/** The API other agencies' systems call with `Authorization: Bearer ltk_…` (rate-limited per key). */
@ApiTags('integration API')
@AcceptsApiKey()
@UseGuards(ApiKeyThrottlerGuard)
@Throttle({ default: { ttl: 60_000, limit: apiKeyRate } })
@Controller('integration/cases')
export class IntegrationApiController {
  constructor(private readonly api: IntegrationApiService) {}

  @Get()
  @ApiOperation({ summary: "List the key's OPD cases" })
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseSummaryView, isArray: true })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['dueAt', 'submittedAt']);
    const cursor = typeof query.cursor === 'string' && query.cursor ? query.cursor : undefined;
    const { rows, total, nextCursor } = await this.api.list(auth, q, cursor);
    if (total !== null) setContentRange(res, 'cases', q.offset, rows.length, total);
    if (nextCursor) res.header('X-Next-Cursor', nextCursor);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case' })
  @Can('read', 'Case')
  @ApiOkResponse({ type: CaseDetailView })
  detail(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.api.detail(auth, id);
  }

  /** Like the counter: JSON, or multipart with the JSON in `data` and one file per document as `doc_<key>`. */
  @Post()
  @ApiOperation({ summary: 'Submit an application from another system' })
  @Can('create', 'Case')
  @UseInterceptors(UploadInterceptor({ kind: 'many', maxFiles: 20 }))
  @ApiCreatedResponse({ type: CaseDetailView })
  create(@Auth() auth: AuthContext, @Body() body: Record<string, unknown>, @UploadedFiles() files: IncomingFile[] | undefined) {
    return this.api.create(auth, body, files);
  }

  @Get(':id/documents/:docId/content')
  @ApiOperation({ summary: "Download a case document's file" })
  @Can('readDocument', 'Case')
  @ApiOkResponse({ description: 'The file' })
  document(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Param('docId', UuidPipe) docId: string) {
    return this.api.document(auth, id, docId);
  }
}
