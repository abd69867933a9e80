// Pure fan-out rules: what one outbox row means for citizens, staff and webhook subscribers.
// No database access here; the dispatcher loads the rows this needs and writes the result.
import {
  NOTIFICATION_EVENTS,
  normalisePhone,
  renderTemplate,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLocale,
  type StaffNotificationKind,
  type WebhookEventType,
} from '@layanan/contracts';

export interface OutboxContext {
  outboxId: string;
  topic: string;
  caseId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The case as it is now (null when the row names no case). */
  case: {
    trackingCode: string;
    state: string;
    opdId: string;
    opdName: string;
    serviceId: string;
    serviceName: string;
    applicantName: string;
    email: string | null;
    phone: string | null;
    dueAt: Date | null;
  } | null;
  consent: { channels: NotificationChannel[]; locale: NotificationLocale } | null;
  /** The reason of the event that moved the case into its current state (return, reject). */
  reason: string | null;
  /** The officer who last returned the case (for "resubmitted"). */
  returnedById: string | null;
  /** Supervisors of the OPD a case was transferred to. */
  transferTargetSupervisors: string[];
  /** An "application received" message already exists for this case. */
  receiptSent: boolean;
  /** The complaint a `complaint.*` row names, with the complainant's contact and consent. */
  complaint?: {
    trackingCode: string;
    name: string;
    opdName: string;
    dueAt: Date;
    email: string | null;
    phone: string | null;
    channels: NotificationChannel[];
    locale: NotificationLocale;
  } | null;
  /** The webhook subscriber a `webhook.subscriber_*` row names (its suspension or the end of it). */
  partner?: PartnerFacts | null;
  /** Active city administrators (for `webhook.subscriber_*` rows). */
  cityAdmins?: string[];
}

export interface PartnerFacts {
  id: string;
  name: string;
  contactEmail: string | null;
}

/** Outbox topics of the webhook circuit breaker, written by SenderService. */
export const PARTNER_TOPICS: ReadonlySet<string> = new Set(['webhook.subscriber_suspended', 'webhook.subscriber_resumed']);

export interface TemplateRow {
  event: NotificationEvent;
  channel: NotificationChannel;
  locale: NotificationLocale;
  subject: string;
  body: string;
  waTemplate: string | null;
  waParams: string[];
}

export interface SubscriberScope {
  id: string;
  eventTypes: string[];
  opdIds: string[] | null;
}

export interface PlannedDelivery {
  channel: 'email' | 'whatsapp' | 'webhook';
  target: string;
  event: string;
  subscriberId: string | null;
  message: Record<string, unknown>;
}

export interface PlannedStaffNotice {
  userId: string;
  kind: StaffNotificationKind;
  caseId: string | null;
  data: Record<string, unknown>;
}

export interface FanOut {
  deliveries: PlannedDelivery[];
  staff: PlannedStaffNotice[];
}

export interface FanOutEnv {
  publicUrl: string;
  channels: Record<NotificationChannel, boolean>;
  templates: TemplateRow[];
  subscribers: SubscriberScope[];
}

/** Outbox topic -> the webhook event type subscribers see (none: not published). */
const WEBHOOK_TYPE: Record<string, WebhookEventType> = {
  'case.submitted': 'case.submitted',
  'case.transitioned': 'case.transitioned',
  'case.claim': 'case.assigned',
  'case.assign': 'case.assigned',
  'case.release': 'case.assigned',
  'case.transfer': 'case.transferred',
  'case.escalated': 'case.escalated',
  'case.upload_document': 'case.document_uploaded',
  'case.check_document': 'case.document_checked',
};

/** The citizen event of an outbox row, by topic and the state it led to. */
export function citizenEvent(ctx: Pick<OutboxContext, 'topic' | 'payload' | 'receiptSent'>): NotificationEvent | null {
  switch (ctx.topic) {
    case 'case.submitted':
    case 'case.notification_consent':
      return ctx.receiptSent ? null : 'application_received';
    case 'case.transitioned':
      switch (ctx.payload.to) {
        case 'returned':
          return 'returned';
        case 'rejected':
          return 'rejected';
        case 'issued':
          return 'completed';
        default:
          return null;
      }
    case 'case.survey_invited':
      return 'survey';
    default:
      return null;
  }
}

const dateFormat = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }),
};

export function trackUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/portal/lacak?kode=${encodeURIComponent(trackingCode)}`;
}

/** The SKM form for a completed case (the citizen types the factor there, as on tracking). */
export function surveyUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/portal/survei?kode=${encodeURIComponent(trackingCode)}`;
}

function variables(ctx: OutboxContext, locale: NotificationLocale, publicUrl: string): Record<string, string> {
  const c = ctx.case as NonNullable<OutboxContext['case']>;
  const track = trackUrl(publicUrl, c.trackingCode);
  return {
    name: c.applicantName,
    trackingCode: c.trackingCode,
    serviceName: c.serviceName,
    opdName: c.opdName,
    dueDate: c.dueAt ? dateFormat[locale].format(c.dueAt) : '-',
    reason: ctx.reason ?? '-',
    trackUrl: track,
    // The issued document is downloaded from the tracking page.
    downloadUrl: track,
    surveyUrl: surveyUrl(publicUrl, c.trackingCode),
  };
}

function citizenDeliveries(ctx: OutboxContext, env: FanOutEnv): PlannedDelivery[] {
  const event = citizenEvent(ctx);
  if (!event || !ctx.case || !ctx.consent) return [];
  const locale = ctx.consent.locale;
  return deliveriesTo(event, variables(ctx, locale, env.publicUrl), { ...ctx.consent, email: ctx.case.email, phone: ctx.case.phone }, env);
}

/** The complainant's page on the portal (status and answer, by the complaint's own code). */
export function complaintUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/portal/pengaduan/${encodeURIComponent(code)}`;
}

const COMPLAINT_EVENT: Record<string, NotificationEvent> = {
  'complaint.received': 'complaint_received',
  'complaint.answered': 'complaint_answered',
};

/** Receipt (with the code) and answer of a complaint, to the complainant who consented. */
function complaintDeliveries(ctx: OutboxContext, env: FanOutEnv): PlannedDelivery[] {
  const event = COMPLAINT_EVENT[ctx.topic];
  const c = ctx.complaint;
  if (!event || !c || !c.channels.length) return [];
  const vars = {
    name: c.name,
    complaintCode: c.trackingCode,
    opdName: c.opdName,
    dueDate: dateFormat[c.locale].format(c.dueAt),
    complaintUrl: complaintUrl(env.publicUrl, c.trackingCode),
  };
  return deliveriesTo(event, vars, c, env);
}

/** One citizen event as email and WhatsApp messages on the consented, configured channels with a contact. */
function deliveriesTo(
  event: NotificationEvent,
  all: Record<string, string>,
  to: { channels: NotificationChannel[]; locale: NotificationLocale; email: string | null; phone: string | null },
  env: FanOutEnv,
): PlannedDelivery[] {
  const locale = to.locale;
  const allowed = NOTIFICATION_EVENTS[event] as readonly string[];
  const vars = Object.fromEntries(Object.entries(all).filter(([k]) => allowed.includes(k)));
  const out: PlannedDelivery[] = [];
  const template = (channel: NotificationChannel) =>
    env.templates.find((t) => t.event === event && t.channel === channel && t.locale === locale) ??
    env.templates.find((t) => t.event === event && t.channel === channel && t.locale === 'id');
  if (to.channels.includes('email') && env.channels.email && to.email) {
    const t = template('email');
    if (t)
      out.push({
        channel: 'email',
        target: `email:${to.email.toLowerCase()}`,
        event,
        subscriberId: null,
        message: { to: to.email, subject: renderTemplate(t.subject, vars), text: renderTemplate(t.body, vars) },
      });
  }
  const phone = to.phone ? normalisePhone(to.phone) : null;
  if (to.channels.includes('whatsapp') && env.channels.whatsapp && phone) {
    const t = template('whatsapp');
    if (t?.waTemplate)
      out.push({
        channel: 'whatsapp',
        target: `whatsapp:${phone}`,
        event,
        subscriberId: null,
        message: { to: phone.slice(1), template: t.waTemplate, language: t.locale, params: t.waParams.map((p) => renderTemplate(p, vars)) },
      });
  }
  return out;
}

/** Thin payload: ids, state and links, never personal data (Standard Webhooks `{type, timestamp, data}`). */
export function webhookPayload(ctx: OutboxContext, type: WebhookEventType, publicUrl: string): Record<string, unknown> {
  const p = ctx.payload;
  const pick = (...keys: string[]) => Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
  const data: Record<string, unknown> = {
    caseId: ctx.caseId,
    trackingCode: ctx.case?.trackingCode ?? null,
    opdId: typeof p.opdId === 'string' ? p.opdId : (ctx.case?.opdId ?? null),
    serviceId: ctx.case?.serviceId ?? (typeof p.serviceId === 'string' ? p.serviceId : null),
    state: typeof p.to === 'string' ? p.to : (ctx.case?.state ?? null),
    ...(type === 'case.transitioned' ? { event: p.type, from: p.from, to: p.to } : {}),
    ...(type === 'case.assigned' ? { action: ctx.topic.slice('case.'.length), ...pick('assigneeId', 'previousAssigneeId') } : {}),
    ...(type === 'case.transferred' ? pick('fromOpdId', 'toOpdId') : {}),
    ...(type === 'case.escalated' ? pick('dueAt') : {}),
    ...(type === 'case.document_uploaded' || type === 'case.document_checked' ? pick('documentId', 'requirementKey', 'status') : {}),
    links: ctx.caseId
      ? {
          case: `${publicUrl}/api/integration/cases/${ctx.caseId}`,
          ...(ctx.case ? { status: trackUrl(publicUrl, ctx.case.trackingCode) } : {}),
        }
      : {},
  };
  return { type, timestamp: ctx.createdAt.toISOString(), data };
}

function scopeOpds(ctx: OutboxContext): string[] {
  const ids = [ctx.payload.opdId, ctx.payload.toOpdId, ctx.case?.opdId].filter((v): v is string => typeof v === 'string');
  return [...new Set(ids)];
}

export function subscriberMatches(sub: SubscriberScope, type: WebhookEventType, opdIds: string[]): boolean {
  return sub.eventTypes.includes(type) && (sub.opdIds === null || opdIds.some((o) => (sub.opdIds as string[]).includes(o)));
}

export function webhookDeliveries(ctx: OutboxContext, subscribers: SubscriberScope[], publicUrl: string): PlannedDelivery[] {
  const type = WEBHOOK_TYPE[ctx.topic];
  if (!type) return [];
  const opds = scopeOpds(ctx);
  const matching = subscribers.filter((s) => subscriberMatches(s, type, opds));
  if (!matching.length) return [];
  const message = webhookPayload(ctx, type, publicUrl);
  return matching.map((s) => ({ channel: 'webhook', target: `webhook:${s.id}`, event: type, subscriberId: s.id, message }));
}

const wibFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });

/**
 * The partner's technical contact hears of a suspension and of its end by e-mail, in Indonesian
 * and English (we do not know the partner's language). Not a template in the console: it is a
 * message about our integration, not to a citizen. Its subscriberId is null, so the breaker
 * never holds it; its aggregate is the subscriber, so the two messages keep their order.
 */
function partnerDeliveries(ctx: OutboxContext, env: FanOutEnv): PlannedDelivery[] {
  const partner = ctx.partner;
  if (!PARTNER_TOPICS.has(ctx.topic) || !partner?.contactEmail || !env.channels.email) return [];
  const p = ctx.payload;
  const suspended = ctx.topic === 'webhook.subscriber_suspended';
  const nextProbe = typeof p.nextProbeAt === 'string' ? `${wibFormat.format(new Date(p.nextProbeAt))} WIB` : '-';
  const lastError = typeof p.lastError === 'string' ? p.lastError : '-';
  const why =
    p.reason === 'throttled'
      ? {
          id: 'penerima Anda terus meminta kami menunda (429/503 dengan Retry-After) tanpa menerima satu pun pengiriman',
          en: 'your receiver kept asking us to wait (429/503 with Retry-After) and accepted no delivery',
        }
      : {
          id: `${String(p.failureStreak)} pengiriman berturut-turut gagal`,
          en: `${String(p.failureStreak)} deliveries in a row failed`,
        };
  const subject = suspended
    ? `Pengiriman webhook ke ${partner.name} ditangguhkan / Webhook deliveries to ${partner.name} suspended`
    : `Pengiriman webhook ke ${partner.name} dilanjutkan / Webhook deliveries to ${partner.name} resumed`;
  const text = suspended
    ? [
        `Pengiriman webhook Layanan Terpadu ke ${partner.name} ditangguhkan karena ${why.id}.`,
        `Galat terakhir: ${lastError}`,
        `Tidak ada yang dibuang: ${String(p.pausedDeliveries)} pengiriman ditahan dan dikirim setelah penerima pulih.`,
        `Percobaan berikutnya: ${nextProbe}. Keberhasilan melanjutkan pengiriman secara otomatis.`,
        '',
        `Layanan Terpadu webhook deliveries to ${partner.name} are suspended because ${why.en}.`,
        `Last error: ${lastError}`,
        `Nothing is dropped: ${String(p.pausedDeliveries)} deliveries are held and will be sent once your receiver is back.`,
        `Next probe: ${nextProbe}. Its success resumes the deliveries automatically.`,
      ].join('\n')
    : [
        `Pengiriman webhook Layanan Terpadu ke ${partner.name} dilanjutkan; pengiriman yang ditahan dikirim berurutan.`,
        '',
        `Layanan Terpadu webhook deliveries to ${partner.name} are resumed; the held deliveries are being sent in order.`,
      ].join('\n');
  return [
    {
      channel: 'email',
      target: `email:${partner.contactEmail.toLowerCase()}`,
      event: suspended ? 'partner_suspended' : 'partner_resumed',
      subscriberId: null,
      message: { to: partner.contactEmail, subject, text },
    },
  ];
}

/** The city's administrators see a partner's suspension and its end in the console's bell. */
function partnerNotices(ctx: OutboxContext): PlannedStaffNotice[] {
  if (!PARTNER_TOPICS.has(ctx.topic) || !ctx.partner) return [];
  const kind: StaffNotificationKind = ctx.topic === 'webhook.subscriber_suspended' ? 'webhook_suspended' : 'webhook_resumed';
  const data = { subscriberId: ctx.partner.id, subscriberName: ctx.partner.name, reason: ctx.payload.reason ?? null };
  return [...new Set(ctx.cityAdmins ?? [])].map((userId) => ({ userId, kind, caseId: null, data }));
}

function staffNotices(ctx: OutboxContext): PlannedStaffNotice[] {
  const p = ctx.payload;
  const data = { trackingCode: ctx.case?.trackingCode ?? null, serviceName: ctx.case?.serviceName ?? null };
  const to = (userIds: unknown[], kind: StaffNotificationKind, extra: Record<string, unknown> = {}): PlannedStaffNotice[] =>
    [...new Set(userIds.filter((u): u is string => typeof u === 'string'))].map((userId) => ({
      userId,
      kind,
      caseId: ctx.caseId,
      data: { ...data, ...extra },
    }));
  switch (ctx.topic) {
    case 'case.assign':
      return to([p.assigneeId], 'case_assigned');
    case 'case.escalated':
      return to(Array.isArray(p.notifyUserIds) ? p.notifyUserIds : [], 'case_escalated', { dueAt: p.dueAt });
    case 'case.transitioned':
      return p.type === 'RESUBMIT' && ctx.returnedById ? to([ctx.returnedById], 'case_resubmitted') : [];
    case 'case.transfer':
      return to(ctx.transferTargetSupervisors, 'case_transferred', { fromOpdId: p.fromOpdId });
    // Consults (pertimbangan teknis): the consulted OPD's answerers when asked, the requester when answered.
    case 'case.consult_requested':
      return to(Array.isArray(p.notifyUserIds) ? p.notifyUserIds : [], 'consult_requested', {
        consultId: p.consultId,
        dueAt: p.dueAt,
      });
    case 'case.consult_answered':
      return to([p.requestedById], 'consult_answered', { consultId: p.consultId, opdName: p.consultedOpdName });
    // Follow-ups (consult job): the reminder on the deadline day; one working day late, the head and the requester.
    case 'case.consult_reminded':
      return to(Array.isArray(p.notifyUserIds) ? p.notifyUserIds : [], 'consult_reminder', { consultId: p.consultId, dueAt: p.dueAt });
    case 'case.consult_escalated':
      return [
        ...to(Array.isArray(p.notifyUserIds) ? p.notifyUserIds : [], 'consult_escalated', { consultId: p.consultId, dueAt: p.dueAt }),
        ...to([p.requestedById], 'consult_overdue', { consultId: p.consultId, opdName: p.consultedOpdName, dueAt: p.dueAt }),
      ];
    default:
      return [];
  }
}

/** Everything one outbox row leads to. */
export function fanOut(ctx: OutboxContext, env: FanOutEnv): FanOut {
  return {
    deliveries: [
      ...citizenDeliveries(ctx, env),
      ...complaintDeliveries(ctx, env),
      ...webhookDeliveries(ctx, env.subscribers, env.publicUrl),
      ...partnerDeliveries(ctx, env),
    ],
    staff: [...staffNotices(ctx), ...partnerNotices(ctx)],
  };
}
