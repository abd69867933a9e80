// Outside systems the notification tests talk to, started on 127.0.0.1 by the tests: a real
// SMTP server (smtp-server, messages parsed with mailparser), a fake WhatsApp Business Cloud
// API that implements the published request/response contract, and a webhook receiver.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Makes the next n sessions fail with a temporary 451. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (n) => (failures = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface HttpSink {
  url: string;
  requests: ReceivedRequest[];
  /** Answer status for the next requests (then 200). */
  respond(statuses: number[]): void;
  /** Answer every request with this status from now on (null: back to 200). */
  always(status: number | null): void;
  close(): Promise<void>;
}

/** A plain HTTP receiver: records every request, answers 200 (or the scripted statuses). */
export async function startHttpSink(answer: (req: ReceivedRequest) => unknown = () => ({ ok: true })): Promise<HttpSink> {
  const requests: ReceivedRequest[] = [];
  let scripted: number[] = [];
  let fixed: number | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const status = scripted.shift() ?? fixed ?? 200;
      if (status >= 200 && status < 300) requests.push(received);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status >= 200 && status < 300 ? answer(received) : { error: { message: 'scripted failure', code: status } }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (statuses) => (scripted = [...statuses]),
    always: (status) => (fixed = status),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Cloud API's answer to POST /{phone-number-id}/messages. */
export function whatsappAnswer(req: ReceivedRequest): unknown {
  const body = JSON.parse(req.body) as { to: string };
  return { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.${Date.now()}` }] };
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A real SMTP server and a fake WhatsApp Cloud API, with the API's environment that points the channels and a fast relay at them. */
export interface MessageSinks {
  smtp: SmtpSink;
  wa: HttpSink;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startMessageSinks(): Promise<MessageSinks> {
  const smtp = await startSmtpSink();
  const wa = await startHttpSink(whatsappAnswer);
  const env = {
    JOBS_ENABLED: 'true',
    SMTP_URL: smtp.url,
    WHATSAPP_API_URL: `${wa.url}/v21.0`,
    WHATSAPP_PHONE_NUMBER_ID: '1234567890',
    WHATSAPP_TOKEN: 'fake-token',
    PUBLIC_URL: 'https://layanan.malangkota.go.id',
    RELAY_POLL_MS: '50',
    DELIVERY_RETRY_BASE_MS: '50',
  };
  return { smtp, wa, env, close: async () => void (await Promise.all([smtp.close(), wa.close()])) };
}
