import { Injectable } from '@nestjs/common';
import type { NotificationChannel, NotificationLocale } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { subjectOf } from '../cases/case-access';
import { CaseRepository } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';
import type { AuthContext } from '../common/auth/auth-context';
import { EmailChannel } from './channels/email.channel';
import { WhatsAppChannel } from './channels/whatsapp.channel';

export interface ConsentInput {
  channels: NotificationChannel[];
  locale?: NotificationLocale;
  source: 'portal' | 'counter' | 'api';
  recordedById?: string | null;
}

export interface ConsentView {
  channels: NotificationChannel[];
  locale: NotificationLocale;
  source: string;
  consentedAt: string;
  /** Channels chosen that can reach the applicant (contact present and channel configured). */
  reachable: NotificationChannel[];
}

/**
 * The applicant's choice of notification channels for one case, with the time and source of
 * the consent. Writing it also writes an outbox row, so an "application received" message
 * that could not go out at submission (no consent yet) goes out now, once.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly email: EmailChannel,
    private readonly whatsapp: WhatsAppChannel,
  ) {}

  /** Which channels this deployment can send on (the portal offers only these). */
  channels(): Record<NotificationChannel, boolean> {
    return { email: this.email.enabled, whatsapp: this.whatsapp.enabled };
  }

  /** Records consent inside the caller's transaction (the case must exist in it). */
  async record(m: EntityManager, caseId: string, input: ConsentInput): Promise<void> {
    await m.query(
      `WITH saved AS (
         INSERT INTO case_notification_consents (case_id, channels, locale, source, recorded_by_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET channels = EXCLUDED.channels, locale = EXCLUDED.locale, source = EXCLUDED.source,
           recorded_by_id = EXCLUDED.recorded_by_id, consented_at = now()
         RETURNING case_id)
       INSERT INTO outbox (topic, aggregate_id, payload)
       SELECT 'case.notification_consent', case_id, jsonb_build_object('channels', $2::text[], 'source', $4::text) FROM saved`,
      [caseId, input.channels, input.locale ?? 'id', input.source, input.recordedById ?? null],
    );
  }

  /** Staff (the counter) record or change the applicant's choice. */
  async recordByStaff(
    auth: AuthContext,
    caseId: string,
    channels: NotificationChannel[],
    locale?: NotificationLocale,
  ): Promise<ConsentView> {
    await this.ensureActable(auth, caseId);
    await this.db.transaction((m) => this.record(m, caseId, { channels, locale, source: 'counter', recordedById: auth.user.id }));
    return (await this.get(auth, caseId)) as ConsentView;
  }

  async get(auth: AuthContext, caseId: string): Promise<ConsentView | null> {
    const c = await this.readable(auth, caseId);
    const [row] = (await this.db.query(`SELECT channels, locale, source, consented_at FROM case_notification_consents WHERE case_id = $1`, [
      caseId,
    ])) as { channels: NotificationChannel[]; locale: NotificationLocale; source: string; consented_at: Date }[];
    if (!row) return null;
    const on = this.channels();
    return {
      channels: row.channels,
      locale: row.locale,
      source: row.source,
      consentedAt: row.consented_at.toISOString(),
      reachable: row.channels.filter((ch) => on[ch] && (ch === 'email' ? !!c.applicant_email : !!c.applicant_phone)),
    };
  }

  private async readable(auth: AuthContext, caseId: string) {
    const c = await this.cases.contactOf(caseId);
    const subject = c ? subjectOf(c) : null;
    if (!c || !subject || !auth.ability.can('read', subject)) throw AppError.notFound('Case');
    return Object.assign(c, { subject });
  }

  private async ensureActable(auth: AuthContext, caseId: string): Promise<void> {
    const c = await this.readable(auth, caseId);
    if (!auth.ability.can('act', c.subject) && !auth.ability.can('create', c.subject))
      throw new AppError('FORBIDDEN', 'You may not change the notification choice of this case');
  }
}
