import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../common/auth/current-user.decorator';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Public } from '../common/auth/public.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { OptionalStringPipe } from '../common/pipes/query-string.pipe';
import { ConsentService } from './consent.service';
import { DeliveriesService } from './deliveries.service';
import { NotificationConsentDto } from './dto/consent.dto';
import { UpdateTemplateDto } from './dto/template.dto';
import { InboxService } from './inbox.service';
import { TemplatesService } from './templates.service';

/** The staff inbox (the console's bell). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  /** Unread count and newest id; answers 304 to a matching If-None-Match (the console polls this). */
  @Get('summary')
  @ApiOperation({ summary: 'Unread count and newest notice id (304 when unchanged)' })
  @ApiOkResponse({ description: 'Unread count and newest notice id, with an ETag' })
  @ApiNotModifiedResponse({ description: 'The If-None-Match ETag still matches' })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  async summary(@Auth() auth: AuthContext, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const s = await this.inbox.summary(auth);
    const etag = this.inbox.etag(s);
    res.header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return void res.status(304);
    return s;
  }

  @Get()
  @ApiOperation({ summary: "The caller's notices" })
  @ApiOkResponse({ description: 'Newest first; `unread=true` for unread only, `limit` 1-100 (30)' })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  list(
    @Auth() auth: AuthContext,
    @Query('unread', OptionalStringPipe) unread?: string,
    @Query('limit', OptionalStringPipe) limit?: string,
  ) {
    return this.inbox.list(auth, { unreadOnly: unread === 'true', limit: Math.min(Math.max(Number(limit) || 30, 1), 100) });
  }

  @Post('read-all')
  @ApiOperation({ summary: 'Mark all notices read' })
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ marked }`: how many were unread' })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  async readAll(@Auth() auth: AuthContext) {
    return { marked: await this.inbox.markAllRead(auth) };
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Mark one notice read' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  read(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.inbox.markRead(auth, id);
  }
}

/** Notification templates (admin): the text of every citizen message, validated at save. */
@ApiTags('notifications')
@Controller('notification-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'List notification templates' })
  @Can('read', 'NotificationTemplate')
  @ApiOkResponse({ description: 'Every template (event, channel, locale, text)' })
  async list(@Res({ passthrough: true }) res: FastifyReply) {
    const rows = await this.templates.list();
    setContentRange(res, 'notification-templates', 0, rows.length, rows.length);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One notification template' })
  @Can('read', 'NotificationTemplate')
  @ApiOkResponse({ description: 'The template' })
  get(@Param('id') id: string) {
    return this.templates.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a notification template' })
  @Can('update', 'NotificationTemplate')
  @ApiOkResponse({ description: 'The saved template' })
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateTemplateDto) {
    return this.templates.update(auth, id, dto);
  }
}

/** The delivery log (admin): pending, failing and dead deliveries with their error; retry. */
@ApiTags('notifications')
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'List notification and webhook deliveries' })
  @Can('read', 'Integration')
  @ApiOkResponse({ description: 'One page of deliveries (Content-Range)' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, []);
    const { rows, total } = await this.deliveries.list(q);
    setContentRange(res, 'deliveries', q.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with its attempts' })
  @Can('read', 'Integration')
  @ApiOkResponse({ description: 'The delivery' })
  get(@Param('id') id: string) {
    return this.deliveries.get(id);
  }

  @Post(':id/retry')
  @ApiOperation({ summary: 'Retry a failed delivery' })
  @HttpCode(200)
  @Can('update', 'Integration')
  @ApiOkResponse({ description: 'The delivery, queued again' })
  retry(@Param('id') id: string) {
    return this.deliveries.retry(id);
  }
}

/** The applicant's notification choice on a case (recorded at the counter). */
@ApiTags('notifications')
@Controller('cases/:id/notification-consent')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get()
  @ApiOperation({ summary: "The applicant's notification choice on a case" })
  @Can('read', 'Case')
  @ApiOkResponse({ description: 'The choice, or null when none was recorded' })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.consent.get(auth, id);
  }

  @Put()
  @ApiOperation({ summary: "Record the applicant's notification choice on a case" })
  @Can('read', 'Case')
  @ApiOkResponse({ description: 'The recorded choice' })
  put(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: NotificationConsentDto) {
    return this.consent.recordByStaff(auth, id, dto.channels, dto.locale);
  }
}

/** Which channels can reach citizens here, so the portal promises only what is true. */
@ApiTags('public')
@Controller('public/notification-channels')
export class PublicChannelsController {
  constructor(private readonly consent: ConsentService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Which notification channels this deployment can send on' })
  channels() {
    return this.consent.channels();
  }
}
