import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { validateConfig } from './validate-config';

const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  const v = raw.trim().toLowerCase();
  return ['1', 'true', 'yes'].includes(v) ? true : ['0', 'false', 'no', ''].includes(v) ? false : raw;
};

class NotificationsEnv {
  /** Where citizens and partners reach the portal and API (links in messages and webhooks). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL: string = 'http://localhost:3000';

  /** smtp://user:pass@host:587 or smtps://…; unset = no email channel. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsEmail({ allow_display_name: true }, { message: 'must be an email address, optionally with a display name' })
  MAIL_FROM: string = 'Layanan Terpadu Kota Malang <no-reply@malangkota.go.id>';

  /** WhatsApp Business Cloud API base URL (Graph API, with version). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  WHATSAPP_API_URL: string = 'https://graph.facebook.com/v21.0';

  /** Both set = WhatsApp channel on. */
  @IsOptional()
  @Matches(/^\d{5,20}$/, { message: 'must be the numeric phone number id from WhatsApp Manager' })
  WHATSAPP_PHONE_NUMBER_ID?: string;

  @IsOptional()
  @IsString()
  WHATSAPP_TOKEN?: string;

  /** Attempts before a delivery is dead (a dead letter, listed in the console for retry). */
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_MAX_ATTEMPTS: number = 15;

  /** First retry delay; each later one doubles (with jitter) up to DELIVERY_RETRY_MAX_SECONDS. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_RETRY_BASE_MS: number = 5000;

  @IsInt()
  @Min(1)
  @Max(86_400)
  DELIVERY_RETRY_MAX_SECONDS: number = 21_600;

  /** A claimed delivery not reported within this time is handed out again (a crashed instance). */
  @IsInt()
  @Min(5)
  @Max(3600)
  DELIVERY_LEASE_SECONDS: number = 60;

  /** Timeout of one SMTP / WhatsApp / webhook call. */
  @IsInt()
  @Min(1000)
  @Max(60_000)
  DELIVERY_TIMEOUT_MS: number = 15_000;

  /** Deliveries sent at once per instance. */
  @IsInt()
  @Min(1)
  @Max(256)
  DELIVERY_CONCURRENCY: number = 64;

  /** How often an idle relay looks for new outbox rows and due deliveries. */
  @IsInt()
  @Min(20)
  @Max(60_000)
  RELAY_POLL_MS: number = 200;

  /** Run the outbox relay on this instance (default: as JOBS_ENABLED). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  RELAY_ENABLED?: boolean;

  /** Allow webhook URLs on loopback/private addresses (default: only in demo mode). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE?: boolean;

  /** Failed webhook deliveries in a row (no success between) after which the subscriber is suspended. */
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_SUSPEND_AFTER_FAILURES: number = 10;

  /** Cool-down of a suspended subscriber before one paused delivery is sent as a probe. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  WEBHOOK_PROBE_SECONDS: number = 300;

  /** The longest Retry-After a throttling receiver (429/503) is obeyed for; a longer one waits this long. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  WEBHOOK_MAX_RETRY_AFTER_SECONDS: number = 3600;

  /**
   * A receiver that throttles (429/503 with Retry-After) and accepts nothing for this long is
   * suspended like a broken one (throttled answers do not count toward the failure streak).
   */
  @IsInt()
  @Min(60)
  @Max(604_800)
  WEBHOOK_THROTTLE_SUSPEND_SECONDS: number = 3600;

  /** Requests per minute per integration API key. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  API_KEY_RATE_LIMIT: number = 600;
}

export interface NotificationsConfig {
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  whatsapp: { apiUrl: string; phoneNumberId: string; token: string } | null;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxSeconds: number;
  leaseSeconds: number;
  timeoutMs: number;
  concurrency: number;
  pollMs: number;
  allowPrivateWebhooks: boolean | null;
  apiKeyRateLimit: number;
  suspendAfterFailures: number;
  probeSeconds: number;
  maxRetryAfterSeconds: number;
  throttleSuspendSeconds: number;
  /** null = as JOBS_ENABLED. */
  relayEnabled: boolean | null;
}

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const v = validateConfig(NotificationsEnv, env);
  return {
    publicUrl: v.PUBLIC_URL.replace(/\/+$/, ''),
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM,
    whatsapp:
      v.WHATSAPP_PHONE_NUMBER_ID && v.WHATSAPP_TOKEN
        ? { apiUrl: v.WHATSAPP_API_URL.replace(/\/+$/, ''), phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID, token: v.WHATSAPP_TOKEN }
        : null,
    maxAttempts: v.DELIVERY_MAX_ATTEMPTS,
    retryBaseMs: v.DELIVERY_RETRY_BASE_MS,
    retryMaxSeconds: v.DELIVERY_RETRY_MAX_SECONDS,
    leaseSeconds: v.DELIVERY_LEASE_SECONDS,
    timeoutMs: v.DELIVERY_TIMEOUT_MS,
    concurrency: v.DELIVERY_CONCURRENCY,
    pollMs: v.RELAY_POLL_MS,
    allowPrivateWebhooks: v.WEBHOOK_ALLOW_PRIVATE ?? null,
    apiKeyRateLimit: v.API_KEY_RATE_LIMIT,
    suspendAfterFailures: v.WEBHOOK_SUSPEND_AFTER_FAILURES,
    probeSeconds: v.WEBHOOK_PROBE_SECONDS,
    maxRetryAfterSeconds: v.WEBHOOK_MAX_RETRY_AFTER_SECONDS,
    throttleSuspendSeconds: v.WEBHOOK_THROTTLE_SUSPEND_SECONDS,
    relayEnabled: v.RELAY_ENABLED ?? null,
  };
}

export const notificationsConfig = registerAs('notifications', () => loadNotificationsConfig());

/** Which citizen channels this deployment can send on (SMTP set; WhatsApp number and token set). */
export function enabledChannels(c: Pick<NotificationsConfig, 'smtpUrl' | 'whatsapp'>): { email: boolean; whatsapp: boolean } {
  return { email: c.smtpUrl !== null, whatsapp: c.whatsapp !== null };
}
