import { Injectable } from '@nestjs/common';
import type { ComplaintState, NotificationChannel, NotificationLocale } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SqlArgs } from '../common/database/sql-args';
import { PiiCipher } from '../privacy/pii-cipher';

type Db = DataSource | EntityManager;

/** A complaint with the names the views show. */
export interface ComplaintRow {
  id: string;
  tracking_code: string;
  opd_id: string;
  opd_name: string;
  service_id: string | null;
  service_name: string | null;
  case_id: string | null;
  case_tracking_code: string | null;
  complainant_name: string;
  complainant_phone: string | null;
  complainant_email: string | null;
  message: string;
  state: ComplaintState;
  version: number;
  received_at: Date;
  due_at: Date;
  answered_at: Date | null;
  answer: string | null;
  answered_by_name: string | null;
  closed_at: Date | null;
  attachment_storage_key: string | null;
  attachment_file_name: string | null;
  attachment_content_type: string | null;
  attachment_size: number | null;
  lapor_tracking_id: string | null;
  lapor_status: string | null;
  lapor_synced_at: Date | null;
}

export interface NewComplaintRow {
  trackingCode: string;
  opdId: string;
  serviceId: string | null;
  caseId: string | null;
  caseTrackingCode: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  message: string;
  dueAt: Date;
  attachment: { storageKey: string; fileName: string; contentType: string; size: number; sha256: string } | null;
  /** The complainant's consent to notifications ([] channels: none). */
  notify: { channels: NotificationChannel[]; locale: NotificationLocale };
}

/** What the notification fan-out needs of a complaint (contact decrypted). */
export interface ComplaintNotifyFacts {
  id: string;
  trackingCode: string;
  name: string;
  opdName: string;
  dueAt: Date;
  email: string | null;
  phone: string | null;
  channels: NotificationChannel[];
  locale: NotificationLocale;
}

export interface ComplaintListFilter {
  state?: string;
  opdId?: string;
  serviceId?: string;
  caseId?: string;
  q?: string;
}

export interface ComplaintTotalsRow {
  month: string;
  opd_id: string;
  opd_name: string;
  service_id: string | null;
  service_name: string | null;
  received: number;
  answered: number;
  answered_on_time: number;
  open: number;
  overdue: number;
  mean_hours: number | null;
  median_hours: number | null;
}

const SELECT = `
  SELECT c.id, c.tracking_code, c.opd_id, o.name AS opd_name, c.service_id, sv.name AS service_name,
         c.case_id, c.case_tracking_code, c.complainant_name, c.complainant_phone, c.complainant_email,
         c.message, c.state, c.version, c.received_at, c.due_at, c.answered_at, c.answer,
         u.full_name AS answered_by_name, c.closed_at, c.attachment_storage_key, c.attachment_file_name,
         c.attachment_content_type, c.attachment_size, c.lapor_tracking_id, c.lapor_status, c.lapor_synced_at
    FROM complaints c
    JOIN opds o ON o.id = c.opd_id
    LEFT JOIN services s ON s.id = c.service_id
    LEFT JOIN service_versions sv ON sv.service_id = s.id AND sv.version = s.current_version
    LEFT JOIN users u ON u.id = c.answered_by_id`;

export const COMPLAINT_SORT = { receivedAt: 'c.received_at', dueAt: 'c.due_at', id: 'c.id' } as const;

/**
 * Every statement on `complaints`. The complainant's phone and e-mail are stored encrypted
 * (PiiCipher, as the cases' NIK and phone) and decrypted on read.
 */
@Injectable()
export class ComplaintsRepository {
  constructor(
    private readonly db: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  private open(row: ComplaintRow | undefined): ComplaintRow | undefined {
    if (!row) return undefined;
    return {
      ...row,
      complainant_phone: this.pii.decryptNullable('phone', row.complainant_phone),
      complainant_email: this.pii.decryptNullable('email', row.complainant_email),
    };
  }

  async insert(m: EntityManager, r: NewComplaintRow): Promise<string> {
    const a = r.attachment;
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO complaints (tracking_code, opd_id, service_id, case_id, case_tracking_code, complainant_name, complainant_phone,
                               complainant_email, message, due_at, attachment_storage_key, attachment_file_name,
                               attachment_content_type, attachment_size, attachment_sha256,
                               notify_channels, notify_locale, notify_consented_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
               CASE WHEN cardinality($16::text[]) > 0 THEN now() END) RETURNING id`,
      [
        r.trackingCode,
        r.opdId,
        r.serviceId,
        r.caseId,
        r.caseTrackingCode,
        r.name,
        this.pii.encryptNullable('phone', r.phone),
        this.pii.encryptNullable('email', r.email),
        r.message,
        r.dueAt,
        a?.storageKey ?? null,
        a?.fileName ?? null,
        a?.contentType ?? null,
        a?.size ?? null,
        a?.sha256 ?? null,
        r.notify.channels,
        r.notify.locale,
      ],
    );
    // The receipt notice, in the complaint's transaction (the relay delivers it after commit).
    await m.query(`INSERT INTO outbox (topic, aggregate_id, payload) VALUES ('complaint.received', $1, '{}')`, [row.id]);
    return row.id;
  }

  async byId(id: string, m: Db = this.db): Promise<ComplaintRow | undefined> {
    const [row] = await m.query<ComplaintRow[]>(`${SELECT} WHERE c.id = $1`, [id]);
    return this.open(row);
  }

  async byCode(code: string): Promise<ComplaintRow | undefined> {
    const [row] = await this.db.query<ComplaintRow[]>(`${SELECT} WHERE c.tracking_code = $1`, [code]);
    return this.open(row);
  }

  /** A page of complaints; `scope` is the caller's read rules as SQL (built on the same `args`). */
  async list(
    args: SqlArgs,
    scope: string,
    f: ComplaintListFilter,
    sort: { column: string; order: 'ASC' | 'DESC' },
    offset: number,
    limit: number,
  ): Promise<{ rows: ComplaintRow[]; total: number }> {
    const where = [scope];
    if (f.state) where.push(`c.state = ${args.add(f.state)}`);
    if (f.opdId) where.push(`c.opd_id = ${args.add(f.opdId)}`);
    if (f.serviceId) where.push(`c.service_id = ${args.add(f.serviceId)}`);
    if (f.caseId) where.push(`c.case_id = ${args.add(f.caseId)}`);
    if (f.q) {
      const p = args.add(f.q.toUpperCase());
      where.push(`(c.tracking_code = ${p} OR c.case_tracking_code = ${p})`);
    }
    const whereSql = where.join(' AND ');
    const countArgs = [...args.values];
    const l = args.add(limit);
    const o = args.add(offset);
    const rows = await this.db.query<ComplaintRow[]>(
      `${SELECT} WHERE ${whereSql} ORDER BY ${sort.column} ${sort.order}, c.id ${sort.order} LIMIT ${l} OFFSET ${o}`,
      args.values,
    );
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM complaints c WHERE ${whereSql}`,
      countArgs,
    );
    return { rows: rows.map((r) => this.open(r) ?? r), total };
  }

  /**
   * One step of the workflow, only if the complaint is still in one of `from` at `version`;
   * undefined when it moved on (the caller reports the state it finds).
   */
  async transition(
    id: string,
    version: number,
    from: readonly ComplaintState[],
    to: ComplaintState,
    answer: { text: string; by: string } | null,
  ): Promise<boolean> {
    const stamp = to === 'in_handling' ? 'started_at' : to === 'answered' ? 'answered_at' : 'closed_at';
    const rows = await this.db.query<{ id: string }[]>(
      `WITH moved AS (
         UPDATE complaints SET state = $1, version = version + 1, ${stamp} = now(),
                answer = COALESCE($4, answer), answered_by_id = COALESCE($5, answered_by_id)
          WHERE id = $2 AND version = $3 AND state = ANY($6) RETURNING id),
       notice AS (INSERT INTO outbox (topic, aggregate_id, payload)
                  SELECT 'complaint.answered', id, '{}' FROM moved WHERE $1 = 'answered')
       SELECT id FROM moved`,
      [to, id, version, answer?.text ?? null, answer?.by ?? null, from],
    );
    return rows.length === 1;
  }

  async setLaporTracking(id: string, trackingId: string, status: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH forwarded AS (
         UPDATE complaints SET lapor_tracking_id = $2, lapor_status = $3, lapor_synced_at = now()
          WHERE id = $1 AND lapor_tracking_id IS NULL RETURNING id)
       SELECT id FROM forwarded`,
      [id, trackingId, status],
    );
    return rows.length === 1;
  }

  async setLaporStatus(id: string, status: string): Promise<void> {
    await this.db.query(`UPDATE complaints SET lapor_status = $2, lapor_synced_at = now() WHERE id = $1`, [id, status]);
  }

  /** Forwarded, not closed complaints, the longest unsynced first. */
  async toMirror(limit: number): Promise<{ id: string; lapor_tracking_id: string }[]> {
    return this.db.query(
      `SELECT id, lapor_tracking_id FROM complaints
        WHERE lapor_tracking_id IS NOT NULL AND state <> 'closed'
        ORDER BY lapor_synced_at NULLS FIRST LIMIT $1`,
      [limit],
    );
  }

  /** The notification facts of these complaints (inside the dispatcher's transaction). */
  async notifyFacts(m: EntityManager, ids: string[]): Promise<ComplaintNotifyFacts[]> {
    if (!ids.length) return [];
    const rows = await m.query<
      {
        id: string;
        tracking_code: string;
        complainant_name: string;
        opd_name: string;
        due_at: Date;
        complainant_email: string | null;
        complainant_phone: string | null;
        notify_channels: NotificationChannel[];
        notify_locale: NotificationLocale;
      }[]
    >(
      `SELECT c.id, c.tracking_code, c.complainant_name, o.name AS opd_name, c.due_at, c.complainant_email, c.complainant_phone,
              c.notify_channels, c.notify_locale
         FROM complaints c JOIN opds o ON o.id = c.opd_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      name: r.complainant_name,
      opdName: r.opd_name,
      dueAt: r.due_at,
      email: this.pii.decryptNullable('email', r.complainant_email),
      phone: this.pii.decryptNullable('phone', r.complainant_phone),
      channels: r.notify_channels,
      locale: r.notify_locale,
    }));
  }

  /** Counts and response hours per Jakarta month of receipt, OPD and service; received on Jakarta days `from` ≤ d < `to`. */
  async totals(
    args: SqlArgs,
    scope: string,
    from: string,
    to: string,
    f: { opdId?: string; serviceId?: string },
  ): Promise<ComplaintTotalsRow[]> {
    const where = [scope, `c.received_at >= (${args.add(from)}::date::timestamp AT TIME ZONE 'Asia/Jakarta')`];
    where.push(`c.received_at < (${args.add(to)}::date::timestamp AT TIME ZONE 'Asia/Jakarta')`);
    if (f.opdId) where.push(`c.opd_id = ${args.add(f.opdId)}`);
    if (f.serviceId) where.push(`c.service_id = ${args.add(f.serviceId)}`);
    const hours = `extract(epoch FROM (c.answered_at - c.received_at)) / 3600`;
    return this.db.query<ComplaintTotalsRow[]>(
      `SELECT to_char(date_trunc('month', c.received_at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM') AS month,
              c.opd_id, min(o.name) AS opd_name, c.service_id, min(sv.name) AS service_name,
              count(*)::int AS received,
              count(c.answered_at)::int AS answered,
              count(*) FILTER (WHERE c.answered_at <= c.due_at)::int AS answered_on_time,
              count(*) FILTER (WHERE c.answered_at IS NULL AND c.state <> 'closed')::int AS open,
              count(*) FILTER (WHERE COALESCE(c.answered_at, now()) > c.due_at)::int AS overdue,
              round(avg(${hours})::numeric, 1)::float AS mean_hours,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours}))::numeric, 1)::float AS median_hours
         FROM complaints c
         JOIN opds o ON o.id = c.opd_id
         LEFT JOIN services s ON s.id = c.service_id
         LEFT JOIN service_versions sv ON sv.service_id = s.id AND sv.version = s.current_version
        WHERE ${where.join(' AND ')}
        GROUP BY 1, c.opd_id, c.service_id
        ORDER BY 1, opd_name, service_name NULLS FIRST`,
      args.values,
    );
  }
}
