import { Injectable } from '@nestjs/common';
import type { StaffNotificationKind, StaffNotificationSummary, StaffNotificationView } from '@layanan/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthContext } from '../common/auth/auth-context';
import { preparedQuery } from '../common/database/prepared';

interface Row {
  id: string;
  kind: StaffNotificationKind;
  case_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

// The bell's poll: one index-only look at the caller's rows (unread partial index + newest id).
const SUMMARY = `SELECT (SELECT count(*)::int FROM staff_notifications WHERE user_id = $1 AND read_at IS NULL) AS unread,
                        (SELECT max(id)::text FROM staff_notifications WHERE user_id = $1) AS latest`;

/** The staff inbox: notices the relay wrote for this user (assigned, escalated, resubmitted, transferred). */
@Injectable()
export class InboxService {
  constructor(private readonly db: DataSource) {}

  async summary(auth: AuthContext): Promise<StaffNotificationSummary> {
    const [row] = await preparedQuery<{ unread: number; latest: string | null }>(this.db, SUMMARY, [auth.user.id]);
    return { unread: row?.unread ?? 0, latestId: row?.latest ?? null };
  }

  /** A weak ETag of the summary: the console polls with If-None-Match and gets 304 while nothing changed. */
  etag(s: StaffNotificationSummary): string {
    return `W/"${s.latestId ?? 0}.${s.unread}"`;
  }

  async list(auth: AuthContext, opts: { unreadOnly: boolean; limit: number }): Promise<StaffNotificationView[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT id::text, kind, case_id, data, created_at, read_at FROM staff_notifications
        WHERE user_id = $1 ${opts.unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT $2`,
      [auth.user.id, opts.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      trackingCode: typeof r.data.trackingCode === 'string' ? r.data.trackingCode : null,
      data: r.data,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    }));
  }

  async markRead(auth: AuthContext, id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw AppError.field('FIELD_INVALID', 'id', 'must be a notification id');
    const [, n] = await this.db.query<[unknown, number]>(
      `UPDATE staff_notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, auth.user.id],
    );
    if (!n) throw AppError.notFound('Notification');
  }

  async markAllRead(auth: AuthContext): Promise<number> {
    const [, n] = await this.db.query<[unknown, number]>(
      `UPDATE staff_notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [auth.user.id],
    );
    return n;
  }
}
