// Citizen notification events, their template placeholders, and the one validator of template
// text that the API (at save time) and the console (while typing) both run. Templates are
// Handlebars, limited to `{{name}}` and `{{#if name}}…{{/if}}` / `{{#unless name}}` over the
// event's own placeholders: no helpers, partials, paths or data variables.
import Handlebars from 'handlebars';

export const NOTIFICATION_CHANNELS = ['email', 'whatsapp'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_LOCALES = ['id', 'en'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** The applicant's choice of notification channels (with consent, at application or at the counter). */
export interface NotificationChoice {
  channels: NotificationChannel[];
  locale?: NotificationLocale;
}

/**
 * The chosen channels that will really reach the applicant: the channel is configured here
 * and the applicant gave the contact it needs. What the portal and the counter promise.
 */
export function reachableChannels(
  chosen: readonly NotificationChannel[],
  enabled: Record<NotificationChannel, boolean>,
  contact: { email: string | null | undefined; phone: string | null | undefined },
): NotificationChannel[] {
  return chosen.filter((ch) => enabled[ch] && (ch === 'email' ? !!contact.email : !!contact.phone));
}

/** Each citizen event and the placeholders its templates may use. */
export const NOTIFICATION_EVENTS = {
  application_received: ['name', 'trackingCode', 'serviceName', 'opdName', 'dueDate', 'trackUrl'],
  returned: ['name', 'trackingCode', 'serviceName', 'reason', 'trackUrl'],
  rejected: ['name', 'trackingCode', 'serviceName', 'reason', 'trackUrl', 'surveyUrl'],
  completed: ['name', 'trackingCode', 'serviceName', 'opdName', 'downloadUrl', 'trackUrl', 'surveyUrl'],
  survey: ['name', 'trackingCode', 'serviceName', 'surveyUrl'],
  complaint_received: ['name', 'complaintCode', 'opdName', 'dueDate', 'complaintUrl'],
  complaint_answered: ['name', 'complaintCode', 'opdName', 'complaintUrl'],
} as const satisfies Record<string, readonly string[]>;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;

export function isNotificationEvent(value: unknown): value is NotificationEvent {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_EVENTS, value);
}

export type TemplateVariables = Partial<Record<string, string>>;

const BLOCKS = new Set(['if', 'unless']);

type Node = hbs.AST.Node;

/**
 * What is wrong with a template text, or [] when it is fine: a syntax error, or each
 * placeholder, helper or construct outside the allowed set (named in the message).
 */
export function templateProblems(text: string, allowed: readonly string[]): string[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch (e) {
    return [`is not a valid template: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`];
  }
  const problems = new Set<string>();
  const known = new Set(allowed);
  const variable = (node: hbs.AST.Expression): void => {
    const path = node as hbs.AST.PathExpression;
    if (node.type !== 'PathExpression' || path.data || path.parts.length !== 1 || path.depth !== 0 || path.original.startsWith('this')) {
      problems.add(`uses an unsupported expression; allowed placeholders: ${allowed.join(', ')}`);
    } else if (!known.has(path.parts[0])) {
      problems.add(`uses an unknown placeholder {{${path.original}}}; allowed: ${allowed.join(', ')}`);
    }
  };
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.params.length || (m.hash && m.hash.pairs.length)) problems.add('uses a helper; only plain placeholders are allowed');
        else variable(m.path);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = b.path.original;
        if (!BLOCKS.has(name) || b.params.length !== 1 || (b.hash && b.hash.pairs.length)) {
          problems.add(`uses the block {{#${name}}}; only {{#if name}} and {{#unless name}} are allowed`);
          return;
        }
        variable(b.params[0]);
        b.program.body.forEach(visit);
        b.inverse?.body.forEach(visit);
        return;
      }
      default:
        problems.add(`uses an unsupported construct (${node.type})`);
    }
  };
  program.body.forEach(visit);
  return [...problems];
}

/** WhatsApp template bodies number their parameters {{1}}..{{n}}, as Meta approves them. */
export function whatsappParamCount(body: string): number {
  const numbers = [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));
  return numbers.length ? Math.max(...numbers) : 0;
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders a validated template as plain text (no HTML escaping: mails are text/plain and
 * WhatsApp parameters are text). Handlebars denies prototype access by default; compiled
 * templates are cached by their text.
 */
export function renderTemplate(text: string, vars: TemplateVariables): string {
  let template = compiled.get(text);
  if (!template) {
    template = Handlebars.compile(text, { noEscape: true, knownHelpersOnly: true, knownHelpers: { if: true, unless: true } });
    if (compiled.size > 500) compiled.clear();
    compiled.set(text, template);
  }
  return template(vars);
}

/** Webhook event types a subscriber may ask for (each maps from one or more outbox topics). */
export const WEBHOOK_EVENT_TYPES = [
  'case.submitted',
  'case.transitioned',
  'case.assigned',
  'case.transferred',
  'case.escalated',
  'case.document_uploaded',
  'case.document_checked',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an integration API key may do; each scope is limited to the key's OPD. */
export const API_KEY_SCOPES = ['cases:read', 'cases:create', 'documents:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Kinds of staff inbox notification (the console's text is keyed on these). */
export const STAFF_NOTIFICATION_KINDS = [
  'case_assigned',
  'case_escalated',
  'case_resubmitted',
  'case_transferred',
  'export_ready',
  'consult_requested',
  'consult_answered',
  'consult_reminder',
  'consult_escalated',
  'consult_overdue',
  'webhook_suspended',
  'webhook_resumed',
] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

export interface StaffNotificationView {
  id: string;
  kind: StaffNotificationKind;
  caseId: string | null;
  trackingCode: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface StaffNotificationSummary {
  unread: number;
  latestId: string | null;
}

export interface DeliveryView {
  id: string;
  outboxId: string;
  caseId: string | null;
  channel: 'email' | 'whatsapp' | 'webhook';
  event: string;
  /** Masked recipient (email/phone) or the subscriber's name. */
  recipient: string;
  status: 'pending' | 'paused' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface NotificationTemplateView {
  id: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  locale: NotificationLocale;
  subject: string;
  body: string;
  waTemplate: string | null;
  waParams: string[];
  placeholders: readonly string[];
  updatedAt: string;
}

export interface WebhookSubscriberView {
  id: string;
  name: string;
  url: string | null;
  eventTypes: WebhookEventType[];
  opdIds: string[] | null;
  active: boolean;
  disabledReason: string | null;
  /** Only in the answer that creates the subscriber or rotates its secret. */
  secret?: string;
  previousSecretUntil: string | null;
  /** Suspended by the circuit breaker ("ditangguhkan") after a streak of failures; null = not suspended. */
  suspendedAt: string | null;
  /** Why it is suspended: a streak of failures, or only throttling (429/503 with Retry-After) for too long. */
  suspendedReason: 'failures' | 'throttled' | null;
  /** When the next probe delivery goes out (suspended only). */
  nextProbeAt: string | null;
  /** Failed deliveries in a row since the last success. */
  failureStreak: number;
  /** Deliveries parked while suspended, sent after the resume. */
  pausedDeliveries: number;
  /** The partner's technical contact, e-mailed when its deliveries are suspended and resumed. */
  contactEmail: string | null;
  /** A throttling receiver (429/503 with Retry-After): no delivery to it before this time; null = not throttled now. */
  throttledUntil: string | null;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  subscriberId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  opdId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Only in the answer that creates the key. */
  key?: string;
}
