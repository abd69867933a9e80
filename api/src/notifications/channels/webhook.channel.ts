import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { appConfig, notificationsConfig } from '../../config';
import { outboundUrlProblem } from '../../common/http/outbound-url';
import { Channel, errorText, retryAfterMs, type OutgoingDelivery, type SendResult } from './channel';

interface SubscriberRow {
  id: string;
  url: string | null;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

const CACHE_MS = 2000;

/**
 * Signed webhooks per Standard Webhooks 1.0: `webhook-id` (stable per event, the receiver's
 * idempotency key), `webhook-timestamp` (seconds, at sending), `webhook-signature` (`v1,` +
 * base64 HMAC-SHA256 of `id.timestamp.body`; during a secret rotation both secrets sign).
 * Only 2xx is success; 410 disables the subscriber; Retry-After is honoured, and a 429/503 with
 * Retry-After is throttling, not failure (SenderService waits for it per subscriber).
 */
@Injectable()
export class WebhookChannel extends Channel {
  readonly name = 'webhook' as const;
  private readonly subscribers = new Map<string, { row: SubscriberRow | null; until: number }>();
  private readonly checkedUrls = new Map<string, { problem: string | null; until: number }>();
  /**
   * Per subscriber, when a throttling receiver lets us send again (ms), set the moment its answer
   * arrives: a delivery claimed before the relay stored `throttled_until` is held back here, at
   * the last moment before the request, not sent.
   */
  private readonly notBefore = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {
    super();
  }

  get enabled(): boolean {
    return true;
  }

  get allowPrivate(): boolean {
    return this.config.allowPrivateWebhooks ?? this.app.demoMode;
  }

  /** Drops cached subscriber rows (after an edit or rotation on this instance). */
  forget(id?: string): void {
    if (id) this.subscribers.delete(id);
    else this.subscribers.clear();
  }

  private async subscriber(id: string): Promise<SubscriberRow | null> {
    const cached = this.subscribers.get(id);
    if (cached && cached.until > Date.now()) return cached.row;
    const [row] = await this.db.query<SubscriberRow[]>(
      `SELECT id, url, active, secret, previous_secret, previous_secret_until FROM webhook_subscribers WHERE id = $1`,
      [id],
    );
    this.subscribers.set(id, { row: row ?? null, until: Date.now() + CACHE_MS });
    return row ?? null;
  }

  /** The URL is checked again at sending (a host may resolve elsewhere since registration), cached a minute. */
  private async urlProblem(url: string): Promise<string | null> {
    const cached = this.checkedUrls.get(url);
    if (cached && cached.until > Date.now()) return cached.problem;
    const problem = await outboundUrlProblem(url, this.allowPrivate);
    if (this.checkedUrls.size > 1000) this.checkedUrls.clear();
    this.checkedUrls.set(url, { problem, until: Date.now() + 60_000 });
    return problem;
  }

  async send(delivery: OutgoingDelivery): Promise<SendResult> {
    const sub = delivery.subscriberId ? await this.subscriber(delivery.subscriberId) : null;
    if (!sub) return { ok: false, error: 'The subscriber no longer exists', permanent: true };
    if (!sub.active) return { ok: false, error: 'The subscriber is disabled', permanent: true };
    if (!sub.url) return { ok: false, error: 'The subscriber has no webhook URL', permanent: true };
    const problem = await this.urlProblem(sub.url);
    if (problem) return { ok: false, error: `Webhook URL ${problem}`, permanent: true };
    const until = this.notBefore.get(sub.id);
    if (until !== undefined && until > Date.now())
      return { ok: false, throttled: true, retryAfterMs: until - Date.now(), error: 'Held back: the receiver asked to wait (Retry-After)' };
    if (until !== undefined) this.notBefore.delete(sub.id);
    const body = JSON.stringify(delivery.message);
    const msgId = webhookId(delivery.outboxId);
    const now = new Date();
    const secrets = [sub.secret];
    if (sub.previous_secret && sub.previous_secret_until && sub.previous_secret_until > now) secrets.push(sub.previous_secret);
    const signature = secrets.map((s) => new Webhook(s).sign(msgId, now, body)).join(' ');
    try {
      const res = await fetch(sub.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'LayananTerpadu-Webhooks/1.0',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      if (res.status === 410)
        return {
          ok: false,
          status: 410,
          error: 'Receiver answered 410 Gone',
          permanent: true,
          disableSubscriber: 'receiver answered 410 Gone',
        };
      const retryAfter = retryAfterMs(res.headers.get('retry-after'));
      // A receiver that throttles (429, or 503 with Retry-After) is not broken: it is waited for
      // (at least 1 s, at most WEBHOOK_MAX_RETRY_AFTER_SECONDS) and its answer is no failure.
      if ((res.status === 429 || res.status === 503) && retryAfter !== undefined) {
        const wait = Math.min(Math.max(retryAfter, 1000), this.config.maxRetryAfterSeconds * 1000);
        this.notBefore.set(sub.id, Math.max(this.notBefore.get(sub.id) ?? 0, Date.now() + wait));
        return {
          ok: false,
          status: res.status,
          error: `Receiver answered ${res.status}, retry after ${Math.ceil(wait / 1000)} s`,
          retryAfterMs: wait,
          throttled: true,
        };
      }
      return { ok: false, status: res.status, error: `Receiver answered ${res.status}`, retryAfterMs: retryAfter };
    } catch (e) {
      return { ok: false, error: `Receiver unreachable: ${errorText(e)}` };
    }
  }
}

/** The Standard Webhooks message id of an outbox row: the same for every attempt, replay and subscriber. */
export function webhookId(outboxId: string): string {
  return `msg_${outboxId}`;
}
