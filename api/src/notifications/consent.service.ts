import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { reachableChannels, type NotificationChannel, type NotificationLocale } from '@layanan/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { subjectOf } from '../cases/case-access';
import { CaseRepository } from '../cases/case.repository';
import { enabledChannels, notificationsConfig } from '../config';

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
 * the consent. Given at application (portal or counter: `CaseIntakeService`) or changed later
 * at the counter here; a change also writes an outbox row, so an "application received"
 * message that could not go out at submission (no consent yet) goes out now, once.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
  ) {}

  /** Which channels this deployment can send on (the portal offers only these). */
  channels(): Record<NotificationChannel, boolean> {
    return enabledChannels(this.config);
  }

  /** Staff (the counter) record or change the applicant's choice. */
  async recordByStaff(
    auth: AuthContext,
    caseId: string,
    channels: NotificationChannel[],
    locale?: NotificationLocale,
  ): Promise<ConsentView> {
    const c = await this.readable(auth, caseId);
    if (!auth.ability.can('act', c.subject) && !auth.ability.can('create', c.subject))
      throw new AppError('FORBIDDEN', 'You may not change the notification choice of this case');
    await this.db.transaction((m) =>
      this.repo.saveNotificationConsent(
        m,
        { case_id: caseId, channels, locale: locale ?? 'id', source: 'counter', recorded_by_id: auth.user.id },
        { notify: true },
      ),
    );
    return (await this.get(auth, caseId)) as ConsentView;
  }

  async get(auth: AuthContext, caseId: string): Promise<ConsentView | null> {
    const c = await this.readable(auth, caseId);
    const [row] = (await this.db.query(`SELECT channels, locale, source, consented_at FROM case_notification_consents WHERE case_id = $1`, [
      caseId,
    ])) as { channels: NotificationChannel[]; locale: NotificationLocale; source: string; consented_at: Date }[];
    if (!row) return null;
    return {
      channels: row.channels,
      locale: row.locale,
      source: row.source,
      consentedAt: row.consented_at.toISOString(),
      reachable: reachableChannels(row.channels, this.channels(), { email: c.applicant_email, phone: c.applicant_phone }),
    };
  }

  private async readable(auth: AuthContext, caseId: string) {
    const c = await this.repo.contactOf(caseId);
    const subject = c ? subjectOf(c) : null;
    if (!c || !subject || !auth.ability.can('read', subject)) throw AppError.notFound('Case');
    return Object.assign(c, { subject });
  }
}
