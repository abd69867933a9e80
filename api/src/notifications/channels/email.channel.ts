import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import nodemailer, { type Transporter } from 'nodemailer';
import { notificationsConfig } from '../../config';
import { Channel, errorText, type OutgoingDelivery, type SendResult } from './channel';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Email over SMTP (nodemailer, pooled connections). Off when SMTP_URL is unset. */
@Injectable()
export class EmailChannel extends Channel implements OnModuleDestroy {
  readonly name = 'email' as const;
  private transport: Transporter | null = null;

  constructor(@Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>) {
    super();
  }

  get enabled(): boolean {
    return this.config.smtpUrl !== null;
  }

  private transporter(): Transporter {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL is not set');
    const url = new URL(this.config.smtpUrl);
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', '4');
    for (const p of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) url.searchParams.set(p, String(this.config.timeoutMs));
    this.transport ??= nodemailer.createTransport(url.toString());
    return this.transport;
  }

  async send(delivery: OutgoingDelivery): Promise<SendResult> {
    const m = delivery.message as unknown as EmailMessage;
    try {
      await this.transporter().sendMail({
        from: this.config.mailFrom,
        to: m.to,
        subject: m.subject,
        text: m.text,
        // A stable id per delivery: receiving systems and people can tell a retry from a new message.
        messageId: `<delivery-${delivery.id}@layanan-terpadu>`,
        headers: { 'X-Layanan-Delivery': delivery.id },
      });
      return { ok: true };
    } catch (e) {
      const code = (e as { responseCode?: unknown }).responseCode;
      const status = typeof code === 'number' ? code : undefined;
      // 5xx from the server is a permanent refusal (no such mailbox, policy); 4xx and network errors are retried.
      return { ok: false, error: errorText(e), status, permanent: status !== undefined && status >= 500 };
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
