import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { maskPhone } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRepository, type OutboxContextRow } from '../../cases/case.repository';
import { ComplaintsRepository } from '../../complaints/complaints.repository';
import { notificationsConfig } from '../../config';
import { EmailChannel } from '../channels/email.channel';
import { WhatsAppChannel } from '../channels/whatsapp.channel';
import { TemplatesService } from '../templates.service';
import { PiiCipher } from '../../privacy/pii-cipher';
import {
  fanOut,
  PARTNER_TOPICS,
  webhookDeliveries,
  type PartnerFacts,
  type FanOutEnv,
  type OutboxContext,
  type PlannedDelivery,
  type PlannedStaffNotice,
  type SubscriberScope,
} from './fan-out';

// One dispatcher at a time across all instances (a transaction-scoped advisory lock), so
// outbox rows become deliveries in id order: per case, that is the order of its events.
const DISPATCH_LOCK = 7_301_764_817;

const MAX_REPLAY = 10_000;

/**
 * Turns outbox rows into deliveries (citizen email/WhatsApp, webhooks) and staff inbox
 * notices, and marks them processed, in one transaction: a crash before commit leaves the
 * rows unprocessed for the next run, after commit every delivery is stored.
 */
@Injectable()
export class DispatcherService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly templates: TemplatesService,
    private readonly email: EmailChannel,
    private readonly whatsapp: WhatsAppChannel,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    private readonly pii: PiiCipher,
    private readonly complaints: ComplaintsRepository,
  ) {}

  /** Dispatches up to `limit` outbox rows; returns how many (0 also when another instance holds the lock). */
  async dispatch(limit = 500): Promise<{ rows: number; deliveries: number }> {
    return this.db.transaction(async (m) => {
      const [{ locked }] = await m.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [DISPATCH_LOCK]);
      if (!locked) return { rows: 0, deliveries: 0 };
      const rows = await this.cases.outboxContext(
        m,
        `SELECT id FROM outbox WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!rows.length) return { rows: 0, deliveries: 0 };
      const contexts = await this.contexts(m, rows);
      const subscribers = await this.subscribers(m);
      const suspended = new Set(subscribers.filter((x) => x.suspended).map((x) => x.id));
      const notBefore = new Map(subscribers.flatMap((x) => (x.throttledUntil ? [[x.id, x.throttledUntil] as const] : [])));
      const env: FanOutEnv = {
        publicUrl: this.config.publicUrl,
        channels: { email: this.email.enabled, whatsapp: this.whatsapp.enabled },
        templates: await this.templates.all(m),
        subscribers,
      };
      const deliveries: (PlannedDelivery & { outboxId: string; caseId: string | null })[] = [];
      const staff: (PlannedStaffNotice & { outboxId: string })[] = [];
      const receipts = new Set<string>();
      for (const ctx of contexts) {
        if (ctx.caseId && receipts.has(ctx.caseId)) ctx.receiptSent = true;
        const out = fanOut(ctx, env);
        for (const d of out.deliveries) {
          deliveries.push({ ...this.sealed(d), outboxId: ctx.outboxId, caseId: ctx.caseId });
          if (d.event === 'application_received' && ctx.caseId) receipts.add(ctx.caseId);
        }
        for (const s of out.staff) staff.push({ ...s, outboxId: ctx.outboxId });
      }
      if (deliveries.length)
        await m.query(
          `INSERT INTO deliveries (outbox_id, aggregate_id, channel, target, event, subscriber_id, message, status, next_attempt_at)
           SELECT o, a, c, t, e, s, msg, st, greatest(now(), nb)
             FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::text[], $9::timestamptz[])
               AS u(o, a, c, t, e, s, msg, st, nb)
           ON CONFLICT (outbox_id, target) DO NOTHING`,
          [
            deliveries.map((d) => d.outboxId),
            deliveries.map((d) => d.caseId),
            deliveries.map((d) => d.channel),
            deliveries.map((d) => d.target),
            deliveries.map((d) => d.event),
            deliveries.map((d) => d.subscriberId),
            deliveries.map((d) => JSON.stringify(d.message)),
            deliveries.map((d) => initialStatus(d.subscriberId, suspended)),
            // A throttling receiver's new deliveries wait for its Retry-After like the others.
            deliveries.map((d) => (d.subscriberId ? (notBefore.get(d.subscriberId) ?? null) : null)),
          ],
        );
      if (staff.length)
        await m.query(
          `INSERT INTO staff_notifications (outbox_id, user_id, kind, case_id, data)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::uuid[], $5::jsonb[])
           ON CONFLICT (outbox_id, user_id, kind) DO NOTHING`,
          [
            staff.map((s) => s.outboxId),
            staff.map((s) => s.userId),
            staff.map((s) => s.kind),
            staff.map((s) => s.caseId),
            staff.map((s) => JSON.stringify(s.data)),
          ],
        );
      await m.query(`UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return { rows: rows.length, deliveries: deliveries.length };
    });
  }

  /**
   * A WhatsApp delivery as it is stored: the number encrypted in the message, the target its blind
   * index (per-target order still holds), and the masked number for the delivery log. The sender
   * decrypts the number just before the call (SenderService).
   */
  private sealed(d: PlannedDelivery): PlannedDelivery {
    if (d.channel !== 'whatsapp' || typeof d.message.to !== 'string') return d;
    const phone = `+${d.message.to}`;
    return {
      ...d,
      target: `whatsapp:${this.pii.blindIndex('phone', phone)}`,
      message: { ...d.message, to: this.pii.encrypt('phone', d.message.to), recipient: maskPhone(phone) },
    };
  }

  /**
   * Replay for one subscriber: every outbox row of [from, to) that matches its event types
   * and OPD scope becomes a pending delivery again (or for the first time), with the same
   * webhook-id as before. Runs under the dispatcher lock, so order per case holds.
   */
  async replay(subscriberId: string, from: Date, to: Date): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [DISPATCH_LOCK]);
      const rows = await this.cases.outboxContext(
        m,
        `SELECT id FROM outbox WHERE created_at >= $1 AND created_at < $2 AND processed_at IS NOT NULL ORDER BY id LIMIT ${MAX_REPLAY}`,
        [from, to],
      );
      const subscribers = (await this.subscribers(m)).filter((s) => s.id === subscriberId);
      const planned = (await this.contexts(m, rows)).flatMap((ctx) =>
        webhookDeliveries(ctx, subscribers, this.config.publicUrl).map((d) => ({ ...d, outboxId: ctx.outboxId, caseId: ctx.caseId })),
      );
      if (!planned.length) return 0;
      // A suspended subscriber's replay waits, paused, for the probe or the administrator's resume.
      const status = subscribers[0]?.suspended ? 'paused' : 'pending';
      await m.query(
        `INSERT INTO deliveries (outbox_id, aggregate_id, channel, target, event, subscriber_id, message, status)
         SELECT o, a, c, t, e, s, msg, $8 FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])
           AS u(o, a, c, t, e, s, msg)
         ON CONFLICT (outbox_id, target) DO UPDATE SET status = EXCLUDED.status, attempts = 0, throttles = 0,
           next_attempt_at = greatest(now(), $9::timestamptz), last_error = NULL`,
        [
          planned.map((d) => d.outboxId),
          planned.map((d) => d.caseId),
          planned.map((d) => d.channel),
          planned.map((d) => d.target),
          planned.map((d) => d.event),
          planned.map((d) => d.subscriberId),
          planned.map((d) => JSON.stringify(d.message)),
          status,
          subscribers[0]?.throttledUntil ?? null,
        ],
      );
      return planned.length;
    });
  }

  /** The facts fan-out needs beyond the row itself, each loaded once per batch. */
  private async contexts(m: EntityManager, rows: OutboxContextRow[]): Promise<OutboxContext[]> {
    const caseIds = (pred: (r: OutboxContextRow) => boolean) => [...new Set(rows.filter(pred).map((r) => r.aggregate_id as string))];
    const needReason = caseIds((r) => r.topic === 'case.transitioned' && (r.payload.to === 'returned' || r.payload.to === 'rejected'));
    const needReturner = caseIds((r) => r.topic === 'case.transitioned' && r.payload.type === 'RESUBMIT');
    const needReceipt = caseIds(
      (r) => (r.topic === 'case.submitted' || r.topic === 'case.notification_consent') && r.aggregate_id !== null,
    );
    const transferOpds = [
      ...new Set(
        rows.filter((r) => r.topic === 'case.transfer' && typeof r.payload.toOpdId === 'string').map((r) => r.payload.toOpdId as string),
      ),
    ];
    const reasons = new Map<string, string | null>();
    if (needReason.length) {
      for (const f of await this.cases.latestEvents(m, needReason, ['RETURN', 'REJECT'])) reasons.set(f.case_id, f.reason);
    }
    const returners = new Map<string, string>();
    if (needReturner.length) {
      for (const f of await this.cases.latestEvents(m, needReturner, ['RETURN'], { byStaff: true }))
        if (f.actor_id) returners.set(f.case_id, f.actor_id);
    }
    const receipted = new Set<string>();
    if (needReceipt.length) {
      const found = await m.query<{ aggregate_id: string }[]>(
        `SELECT DISTINCT aggregate_id FROM deliveries WHERE aggregate_id = ANY($1::uuid[]) AND event = 'application_received'`,
        [needReceipt],
      );
      for (const f of found) receipted.add(f.aggregate_id);
    }
    const complaints = new Map(
      (
        await this.complaints.notifyFacts(
          m,
          caseIds((r) => r.topic.startsWith('complaint.') && r.aggregate_id !== null),
        )
      ).map((c) => [c.id, c]),
    );
    const supervisors = new Map<string, string[]>();
    if (transferOpds.length) {
      const found = await m.query<{ id: string; opd_id: string }[]>(
        `SELECT id, opd_id FROM users WHERE active AND 'supervisor' = ANY(roles) AND opd_id = ANY($1::uuid[])`,
        [transferOpds],
      );
      for (const f of found) supervisors.set(f.opd_id, [...(supervisors.get(f.opd_id) ?? []), f.id]);
    }
    const { partners, admins } = await this.partners(m, rows);
    return rows.map((r) => ({
      outboxId: r.id,
      topic: r.topic,
      caseId: r.aggregate_id,
      payload: r.payload,
      createdAt: r.created_at,
      case:
        r.tracking_code !== null
          ? {
              trackingCode: r.tracking_code,
              state: r.state as string,
              opdId: r.opd_id as string,
              opdName: r.opd_name ?? '',
              serviceId: r.service_id as string,
              serviceName: r.service_name ?? '',
              applicantName: r.applicant_name ?? '',
              email: r.applicant_email,
              phone: this.pii.decryptNullable('phone', r.applicant_phone_enc),
              dueAt: r.due_at,
            }
          : null,
      consent: r.channels ? { channels: r.channels, locale: r.locale ?? 'id' } : null,
      reason: r.aggregate_id ? (reasons.get(r.aggregate_id) ?? null) : null,
      returnedById: r.aggregate_id ? (returners.get(r.aggregate_id) ?? null) : null,
      transferTargetSupervisors: typeof r.payload.toOpdId === 'string' ? (supervisors.get(r.payload.toOpdId) ?? []) : [],
      receiptSent: r.aggregate_id ? receipted.has(r.aggregate_id) : false,
      complaint: r.topic.startsWith('complaint.') && r.aggregate_id ? (complaints.get(r.aggregate_id) ?? null) : null,
      partner: PARTNER_TOPICS.has(r.topic) && r.aggregate_id ? (partners.get(r.aggregate_id) ?? null) : null,
      cityAdmins: PARTNER_TOPICS.has(r.topic) ? admins : [],
    }));
  }

  private async subscribers(m: EntityManager): Promise<(SubscriberScope & { suspended: boolean; throttledUntil: Date | null })[]> {
    const rows = await m.query<
      { id: string; event_types: string[]; opd_ids: string[] | null; suspended: boolean; throttled_until: Date | null }[]
    >(
      `SELECT id, event_types, opd_ids, suspended_at IS NOT NULL AS suspended,
              CASE WHEN throttled_until > now() THEN throttled_until END AS throttled_until
         FROM webhook_subscribers WHERE active AND url IS NOT NULL AND cardinality(event_types) > 0`,
    );
    return rows.map((r) => ({
      id: r.id,
      eventTypes: r.event_types,
      opdIds: r.opd_ids,
      suspended: r.suspended,
      throttledUntil: r.throttled_until,
    }));
  }

  /** For a suspension or its end: the partner's name and contact, and every active city administrator. */
  private async partners(m: EntityManager, rows: OutboxContextRow[]): Promise<{ partners: Map<string, PartnerFacts>; admins: string[] }> {
    const ids = [...new Set(rows.filter((r) => PARTNER_TOPICS.has(r.topic) && r.aggregate_id).map((r) => r.aggregate_id as string))];
    if (!ids.length) return { partners: new Map(), admins: [] };
    const found = await m.query<{ id: string; name: string; contact_email: string | null }[]>(
      `SELECT id, name, contact_email FROM webhook_subscribers WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const admins = await m.query<{ id: string }[]>(`SELECT id FROM users WHERE active AND 'admin' = ANY(roles) ORDER BY id`);
    return {
      partners: new Map(found.map((f) => [f.id, { id: f.id, name: f.name, contactEmail: f.contact_email }])),
      admins: admins.map((a) => a.id),
    };
  }
}

/** A suspended subscriber's new deliveries are parked (`paused`) until its probe succeeds or an administrator resumes it. */
function initialStatus(subscriberId: string | null, suspended: ReadonlySet<string>): 'pending' | 'paused' {
  return subscriberId !== null && suspended.has(subscriberId) ? 'paused' : 'pending';
}
