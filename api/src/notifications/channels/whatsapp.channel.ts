import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { notificationsConfig } from '../../config';
import { Channel, errorText, retryAfterMs, type OutgoingDelivery, type SendResult } from './channel';

export interface WhatsAppMessage {
  /** E.164 digits without '+', as the Cloud API takes them. */
  to: string;
  template: string;
  language: string;
  params: string[];
}

/**
 * WhatsApp through the official Business Cloud API: approved template messages only
 * (POST {api}/{phone-number-id}/messages, type "template", body parameters in order).
 * Unofficial gateways get numbers banned; outside the 24 h service window only templates go.
 */
@Injectable()
export class WhatsAppChannel extends Channel {
  readonly name = 'whatsapp' as const;

  constructor(@Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>) {
    super();
  }

  get enabled(): boolean {
    return this.config.whatsapp !== null;
  }

  async send(delivery: OutgoingDelivery): Promise<SendResult> {
    const wa = this.config.whatsapp;
    if (!wa) return { ok: false, error: 'WhatsApp is not configured (WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN)' };
    const m = delivery.message as unknown as WhatsAppMessage;
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: m.to,
      type: 'template',
      template: {
        name: m.template,
        language: { code: m.language },
        components: [{ type: 'body', parameters: m.params.map((text) => ({ type: 'text', text })) }],
      },
    };
    try {
      const res = await fetch(`${wa.apiUrl}/${wa.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${wa.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      const text = await res.text();
      if (res.ok) return { ok: true, status: res.status };
      const detail = graphError(text) ?? text.slice(0, 300);
      // 400 = the request itself is wrong (unknown template, bad number): retrying will not help.
      // 401/403 (token), 429 (throughput) and 5xx are retried.
      return {
        ok: false,
        status: res.status,
        error: `WhatsApp ${res.status}: ${detail}`,
        permanent: res.status === 400,
        retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
      };
    } catch (e) {
      return { ok: false, error: `WhatsApp unreachable: ${errorText(e)}` };
    }
  }
}

function graphError(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } };
    return parsed.error && typeof parsed.error.message === 'string' ? `${parsed.error.message} (code ${String(parsed.error.code)})` : null;
  } catch {
    return null;
  }
}
