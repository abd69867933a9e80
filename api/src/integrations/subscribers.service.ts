import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { WebhookEventType, WebhookSubscriberView } from '@layanan/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { outboundUrlProblem } from '../common/http/outbound-url';
import { appConfig, notificationsConfig } from '../config';
import { WebhookChannel } from '../notifications/channels/webhook.channel';
import { DispatcherService } from '../notifications/relay/dispatcher.service';
import { SenderService } from '../notifications/relay/sender.service';
import type { CreateSubscriberDto, UpdateSubscriberDto } from './dto/integration.dto';

interface Row {
  id: string;
  name: string;
  url: string | null;
  event_types: WebhookEventType[];
  opd_ids: string[] | null;
  active: boolean;
  disabled_reason: string | null;
  previous_secret_until: Date | null;
  suspended_at: Date | null;
  suspended_reason: 'failures' | 'throttled' | null;
  probe_at: Date | null;
  failure_streak: number;
  contact_email: string | null;
  throttled_until: Date | null;
  paused: number;
  created_at: Date;
}

const COLUMNS = `id, name, url, event_types, opd_ids, active, disabled_reason, previous_secret_until, suspended_at, suspended_reason, probe_at, failure_streak, contact_email,
  CASE WHEN throttled_until > now() THEN throttled_until END AS throttled_until,
  (SELECT count(*)::int FROM deliveries d WHERE d.subscriber_id = webhook_subscribers.id AND d.status = 'paused') AS paused, created_at`;
/** After a rotation the old secret still signs (a second signature) for this long. */
export const ROTATION_OVERLAP_HOURS = 24;
const MAX_REPLAY_DAYS = 31;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Integration partners (other agencies' systems): webhook endpoint, event types, OPD scope, secret. */
@Injectable()
export class SubscribersService {
  constructor(
    private readonly db: DataSource,
    private readonly webhooks: WebhookChannel,
    private readonly dispatcher: DispatcherService,
    private readonly sender: SenderService,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  private async checkUrl(url: string | null | undefined): Promise<void> {
    if (url === null || url === undefined) return;
    const problem = await outboundUrlProblem(url, this.config.allowPrivateWebhooks ?? this.app.demoMode);
    if (problem) throw AppError.field('URL_NOT_ALLOWED', 'url', problem);
  }

  private async checkOpds(opdIds: string[] | null | undefined): Promise<void> {
    if (!opdIds) return;
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM opds WHERE id = ANY($1::uuid[])`, [opdIds]);
    if (n !== new Set(opdIds).size) throw AppError.field('REFERENCE_INVALID', 'opdIds', 'names an OPD that does not exist');
  }

  async list(): Promise<WebhookSubscriberView[]> {
    return (await this.db.query<Row[]>(`SELECT ${COLUMNS} FROM webhook_subscribers ORDER BY name`)).map(view);
  }

  async get(id: string): Promise<WebhookSubscriberView> {
    const [row] = await this.db.query<Row[]>(`SELECT ${COLUMNS} FROM webhook_subscribers WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('Subscriber');
    return view(row);
  }

  /** Registers a partner; the answer carries its signing secret, shown this once. */
  async create(auth: AuthContext, dto: CreateSubscriberDto): Promise<WebhookSubscriberView> {
    await this.checkUrl(dto.url);
    await this.checkOpds(dto.opdIds);
    const secret = newWebhookSecret();
    const rows = await this.db.query<Row[]>(
      `INSERT INTO webhook_subscribers (name, url, event_types, opd_ids, secret, created_by_id, contact_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [dto.name, dto.url ?? null, dto.eventTypes, dto.opdIds ?? null, secret, auth.user.id, dto.contactEmail ?? null],
    );
    if (!rows[0]) throw AppError.field('DUPLICATE', 'name', 'is already registered');
    return { ...view(rows[0]), secret };
  }

  async update(id: string, dto: UpdateSubscriberDto): Promise<WebhookSubscriberView> {
    await this.get(id);
    await this.checkUrl(dto.url);
    await this.checkOpds(dto.opdIds);
    const set: string[] = [];
    const values: unknown[] = [id];
    const put = (col: string, v: unknown) => set.push(`${col} = $${values.push(v)}`);
    if (dto.name !== undefined) put('name', dto.name);
    if (dto.url !== undefined) put('url', dto.url);
    if (dto.eventTypes !== undefined) put('event_types', dto.eventTypes);
    if (dto.opdIds !== undefined) put('opd_ids', dto.opdIds);
    if (dto.contactEmail !== undefined) put('contact_email', dto.contactEmail);
    if (dto.active !== undefined) {
      put('active', dto.active);
      if (dto.active) set.push('disabled_reason = NULL');
    }
    if (set.length) {
      try {
        await this.db.query(`UPDATE webhook_subscribers SET ${set.join(', ')}, updated_at = now() WHERE id = $1`, values);
      } catch (e) {
        if ((e as { driverError?: { code?: string } }).driverError?.code === '23505')
          throw AppError.field('DUPLICATE', 'name', 'is already registered');
        throw e;
      }
    }
    this.webhooks.forget(id);
    return this.get(id);
  }

  /**
   * New signing secret, shown once. The old one keeps signing alongside (two signatures in
   * `webhook-signature`) for ROTATION_OVERLAP_HOURS, so the receiver can switch without a gap.
   */
  async rotate(id: string): Promise<WebhookSubscriberView> {
    const secret = newWebhookSecret();
    const [rows] = await this.db.query<[Row[], number]>(
      `UPDATE webhook_subscribers SET previous_secret = secret, secret = $2,
              previous_secret_until = now() + make_interval(hours => $3), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, secret, ROTATION_OVERLAP_HOURS],
    );
    if (!rows[0]) throw AppError.notFound('Subscriber');
    this.webhooks.forget(id);
    return { ...view(rows[0]), secret };
  }

  /** Ends a suspension now (the circuit breaker's): every paused delivery is queued again, in order. */
  async resume(id: string): Promise<WebhookSubscriberView> {
    const sub = await this.get(id);
    if (!sub.suspendedAt) throw new AppError('RULE_VIOLATED', 'The subscriber is not suspended');
    await this.sender.resumeSubscriber(id);
    return this.get(id);
  }

  /** Sends again every matching event of a time range (same webhook-id: receivers dedupe). */
  async replay(id: string, fromIso: string, toIso: string): Promise<{ queued: number }> {
    const from = new Date(fromIso);
    const to = new Date(toIso);
    if (!(to > from)) throw AppError.field('FIELD_INVALID', 'to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_REPLAY_DAYS * 86_400_000)
      throw AppError.field('FIELD_INVALID', 'to', `a replay covers at most ${MAX_REPLAY_DAYS} days`);
    const sub = await this.get(id);
    if (!sub.url || !sub.active) throw new AppError('RULE_VIOLATED', 'The subscriber is disabled or has no webhook URL');
    return { queued: await this.dispatcher.replay(id, from, to) };
  }
}

function view(r: Row): WebhookSubscriberView {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    eventTypes: r.event_types,
    opdIds: r.opd_ids,
    active: r.active,
    disabledReason: r.disabled_reason,
    previousSecretUntil: r.previous_secret_until && r.previous_secret_until > new Date() ? r.previous_secret_until.toISOString() : null,
    suspendedAt: r.suspended_at?.toISOString() ?? null,
    suspendedReason: r.suspended_at ? (r.suspended_reason ?? 'failures') : null,
    nextProbeAt: r.suspended_at && r.probe_at ? r.probe_at.toISOString() : null,
    failureStreak: r.failure_streak,
    pausedDeliveries: r.paused,
    contactEmail: r.contact_email,
    throttledUntil: r.throttled_until?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}
