import { Injectable } from '@nestjs/common';
import type { DeliveryView } from '@layanan/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterString, type ListQuery } from '../common/http/list-query';

interface Row {
  id: string;
  outbox_id: string;
  aggregate_id: string | null;
  channel: DeliveryView['channel'];
  target: string;
  /** The masked number a WhatsApp delivery stored (its target is the number's blind index). */
  recipient: string | null;
  event: string;
  subscriber_name: string | null;
  status: DeliveryView['status'];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  last_status: number | null;
  created_at: Date;
  delivered_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['pending', 'paused', 'delivered', 'dead', 'failing'] as const;

/** Recipient shown to administrators: enough to recognise, not the whole address or number. */
export function maskRecipient(target: string): string {
  const [kind, value = ''] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
  if (kind === 'email') {
    const [user = '', domain = ''] = value.split('@');
    return `${user.slice(0, 2)}***@${domain}`;
  }
  // A WhatsApp target is the number's blind index; the delivery stores the masked number (`recipient`).
  if (kind === 'whatsapp') return `${value.slice(0, 5)}****${value.slice(-3)}`;
  return value;
}

/** The delivery log for administrators: pending (and failing) and dead deliveries with their last error; retry. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<{ rows: DeliveryView[]; total: number }> {
    const status = filterString(q.filter, 'status');
    const channel = filterString(q.filter, 'channel');
    const caseId = filterString(q.filter, 'caseId');
    const subscriberId = filterString(q.filter, 'subscriberId');
    if (status && !(STATUSES as readonly string[]).includes(status))
      throw AppError.field('FIELD_INVALID', 'filter.status', `must be one of ${STATUSES.join(', ')}`);
    if (channel && !['email', 'whatsapp', 'webhook'].includes(channel))
      throw AppError.field('FIELD_INVALID', 'filter.channel', 'must be email, whatsapp or webhook');
    if (caseId && !UUID.test(caseId)) throw AppError.field('FIELD_INVALID', 'filter.caseId', 'must be a UUID');
    if (subscriberId && !UUID.test(subscriberId)) throw AppError.field('FIELD_INVALID', 'filter.subscriberId', 'must be a UUID');
    const where: string[] = [];
    const params: unknown[] = [];
    if (status === 'failing') where.push(`d.status = 'pending' AND d.last_error IS NOT NULL`);
    else if (status) where.push(`d.status = $${params.push(status)}`);
    if (channel) where.push(`d.channel = $${params.push(channel)}`);
    if (caseId) where.push(`d.aggregate_id = $${params.push(caseId)}`);
    if (subscriberId) where.push(`d.subscriber_id = $${params.push(subscriberId)}`);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.query<Row[]>(
      `SELECT d.id::text, d.outbox_id::text, d.aggregate_id, d.channel, d.target, d.message->>'recipient' AS recipient, d.event, s.name AS subscriber_name, d.status, d.attempts,
              d.next_attempt_at, d.last_error, d.last_status, d.created_at, d.delivered_at
         FROM deliveries d LEFT JOIN webhook_subscribers s ON s.id = d.subscriber_id
         ${cond} ORDER BY d.id ${q.sort?.order ?? 'DESC'} OFFSET $${params.push(q.offset)} LIMIT $${params.push(q.limit)}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM deliveries d ${cond} LIMIT 10000) x`,
      params.slice(0, -2),
    );
    return { rows: rows.map(view), total: n };
  }

  /** Hands a dead (or failing) delivery back to the relay now, with a fresh attempt budget. */
  async retry(id: string): Promise<DeliveryView> {
    if (!/^\d{1,18}$/.test(id)) throw AppError.notFound('Delivery');
    const [rows] = await this.db.query<[{ id: string }[], number]>(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now()
        WHERE id = $1 AND status <> 'delivered' RETURNING id`,
      [id],
    );
    if (!rows.length) {
      const [exists] = await this.db.query<{ status: string }[]>(`SELECT status FROM deliveries WHERE id = $1`, [id]);
      if (!exists) throw AppError.notFound('Delivery');
      throw new AppError('RULE_VIOLATED', 'This delivery was already delivered');
    }
    return this.get(id);
  }

  async get(id: string): Promise<DeliveryView> {
    if (!/^\d{1,18}$/.test(id)) throw AppError.notFound('Delivery');
    const [row] = await this.db.query<Row[]>(
      `SELECT d.id::text, d.outbox_id::text, d.aggregate_id, d.channel, d.target, d.message->>'recipient' AS recipient, d.event, s.name AS subscriber_name, d.status, d.attempts,
              d.next_attempt_at, d.last_error, d.last_status, d.created_at, d.delivered_at
         FROM deliveries d LEFT JOIN webhook_subscribers s ON s.id = d.subscriber_id WHERE d.id = $1`,
      [id],
    );
    if (!row) throw AppError.notFound('Delivery');
    return view(row);
  }
}

function view(r: Row): DeliveryView {
  return {
    id: r.id,
    outboxId: r.outbox_id,
    caseId: r.aggregate_id,
    channel: r.channel,
    event: r.event,
    recipient: r.channel === 'webhook' ? (r.subscriber_name ?? '?') : (r.recipient ?? maskRecipient(r.target)),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastError: r.last_error,
    lastStatus: r.last_status,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  };
}
