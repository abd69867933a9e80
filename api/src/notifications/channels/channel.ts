/** What the relay hands a channel: one stored delivery, its message as written at fan-out. */
export interface OutgoingDelivery {
  id: string;
  outboxId: string;
  channel: DeliveryChannel;
  target: string;
  subscriberId: string | null;
  message: Record<string, unknown>;
  attempts: number;
}

export type DeliveryChannel = 'email' | 'whatsapp' | 'webhook';

/**
 * A channel's answer. `permanent` failures are dead at once (a mailbox that does not exist,
 * a template Meta refuses); others are retried with backoff, no sooner than `retryAfterMs`.
 * `throttled`: the receiver asked us to wait (a webhook's 429/503 with Retry-After); not a
 * failure: retried after exactly `retryAfterMs`, and the subscriber's other deliveries wait too.
 */
export type SendResult =
  | { ok: true; status?: number }
  | {
      ok: false;
      error: string;
      status?: number;
      permanent?: boolean;
      retryAfterMs?: number;
      disableSubscriber?: string;
      throttled?: boolean;
    };

/** The port every outbound channel implements (email over SMTP, WhatsApp Cloud API, webhooks). */
export abstract class Channel {
  abstract readonly name: DeliveryChannel;
  /** Whether the channel is configured in this deployment. */
  abstract get enabled(): boolean;
  abstract send(delivery: OutgoingDelivery): Promise<SendResult>;
}

/** `Retry-After` as milliseconds (seconds or an HTTP date), if present and sane. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 86_400) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - Date.now(), 86_400_000));
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
