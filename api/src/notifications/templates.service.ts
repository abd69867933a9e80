import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENTS,
  NOTIFICATION_LOCALES,
  isNotificationEvent,
  templateProblems,
  whatsappParamCount,
  type FieldProblem,
  type NotificationChannel,
  type NotificationLocale,
  type NotificationTemplateView,
} from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthContext } from '../common/auth/auth-context';
import type { UpdateTemplateDto } from './dto/template.dto';
import type { TemplateRow } from './relay/fan-out';

interface StoredTemplate {
  event: string;
  channel: NotificationChannel;
  locale: NotificationLocale;
  subject: string;
  body: string;
  wa_template: string | null;
  wa_params: string[];
  updated_at: Date;
}

const SELECT = `SELECT event, channel, locale, subject, body, wa_template, wa_params, updated_at FROM notification_templates`;
const CACHE_MS = 5000;

/** Citizen message templates per event, channel and language: data that administrators edit. */
@Injectable()
export class TemplatesService {
  private cache: { rows: TemplateRow[]; until: number } | null = null;

  constructor(private readonly db: DataSource) {}

  /** Every template, for fan-out (cached a few seconds; a save on this instance drops it). */
  async all(m: EntityManager = this.db.manager): Promise<TemplateRow[]> {
    if (this.cache && this.cache.until > Date.now()) return this.cache.rows;
    const rows = (await m.query<StoredTemplate[]>(SELECT)).filter((r) => isNotificationEvent(r.event));
    const templates = rows.map((r) => ({
      event: r.event as TemplateRow['event'],
      channel: r.channel,
      locale: r.locale,
      subject: r.subject,
      body: r.body,
      waTemplate: r.wa_template,
      waParams: r.wa_params,
    }));
    this.cache = { rows: templates, until: Date.now() + CACHE_MS };
    return templates;
  }

  async list(): Promise<NotificationTemplateView[]> {
    const rows = await this.db.query<StoredTemplate[]>(`${SELECT} ORDER BY event, channel, locale`);
    return rows.filter((r) => isNotificationEvent(r.event)).map(view);
  }

  async get(id: string): Promise<NotificationTemplateView> {
    const key = parseId(id);
    const [row] = await this.db.query<StoredTemplate[]>(`${SELECT} WHERE event = $1 AND channel = $2 AND locale = $3`, key);
    if (!row) throw AppError.notFound('Template');
    return view(row);
  }

  /** Saves new text; every field is validated against the event's placeholders first (422 TEMPLATE_INVALID). */
  async update(auth: AuthContext, id: string, dto: UpdateTemplateDto): Promise<NotificationTemplateView> {
    const current = await this.get(id);
    const allowed = NOTIFICATION_EVENTS[current.event];
    const next = {
      subject: dto.subject ?? current.subject,
      body: dto.body ?? current.body,
      waTemplate: dto.waTemplate ?? current.waTemplate,
      waParams: dto.waParams ?? current.waParams,
    };
    const problems: FieldProblem[] = [];
    const check = (field: string, text: string) => templateProblems(text, allowed).forEach((message) => problems.push({ field, message }));
    if (current.channel === 'email') {
      if (!next.subject.trim()) problems.push({ field: 'subject', message: 'must not be empty' });
      check('subject', next.subject);
      check('body', next.body);
    } else {
      if (!next.waTemplate || !/^[a-z0-9_]{1,512}$/.test(next.waTemplate))
        problems.push({ field: 'waTemplate', message: 'must be the approved template name (lower case, digits, _)' });
      const expected = whatsappParamCount(next.body);
      if (expected !== next.waParams.length)
        problems.push({ field: 'waParams', message: `must have ${expected} entries, one per {{n}} of the approved body` });
      next.waParams.forEach((p, i) => check(`waParams.${i}`, p));
    }
    if (!next.body.trim()) problems.push({ field: 'body', message: 'must not be empty' });
    if (problems.length)
      throw new AppError('TEMPLATE_INVALID', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { details: problems });
    const [row] = await this.db.query<[StoredTemplate[], number]>(
      `UPDATE notification_templates SET subject = $4, body = $5, wa_template = $6, wa_params = $7, updated_by_id = $8, updated_at = now()
        WHERE event = $1 AND channel = $2 AND locale = $3
        RETURNING event, channel, locale, subject, body, wa_template, wa_params, updated_at`,
      [...parseId(id), next.subject, next.body, current.channel === 'whatsapp' ? next.waTemplate : null, next.waParams, auth.user.id],
    );
    this.cache = null;
    return view(row[0]);
  }
}

function parseId(id: string): [string, string, string] {
  const [event, channel, locale] = id.split('.');
  if (
    !isNotificationEvent(event) ||
    !(NOTIFICATION_CHANNELS as readonly string[]).includes(channel ?? '') ||
    !(NOTIFICATION_LOCALES as readonly string[]).includes(locale ?? '')
  )
    throw AppError.notFound('Template');
  return [event, channel, locale];
}

function view(r: StoredTemplate): NotificationTemplateView {
  const event = r.event as NotificationTemplateView['event'];
  return {
    id: `${r.event}.${r.channel}.${r.locale}`,
    event,
    channel: r.channel,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
    waTemplate: r.wa_template,
    waParams: r.wa_params,
    placeholders: NOTIFICATION_EVENTS[event],
    updatedAt: r.updated_at.toISOString(),
  };
}
