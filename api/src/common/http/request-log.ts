import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isApiUrl } from './api-url';

const GIVEN_ID = /^[\w-]{1,64}$/;
/**
 * A run of 10 or more digits: a NIK (16) or a phone number (08…, 62…) anywhere in a URL (a search
 * by NIK puts it in the query string) that starts a value: after the start, a separator or a
 * percent escape (`%22` before the NIK), not inside the escape itself, nor inside a word or a UUID
 * (whose last group may be all digits).
 */
const PERSONAL_NUMBER = /(?<!%|%[0-9A-Fa-f])(?<=^|[^\w-]|%[0-9A-Fa-f]{2})\d{10,}/g;

/** The URL as the access log writes it: NIKs and phone numbers masked (UU 27/2022: logs hold no personal data). */
export function loggedUrl(url: string): string {
  return url.replace(PERSONAL_NUMBER, (m) => '*'.repeat(m.length));
}

/** The request id: the caller's `x-request-id` when it is well-formed, else a new UUID (Fastify's genReqId). */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

/**
 * Echoes the request id as `X-Request-Id` and writes one access-log line per API request (the
 * error filter carries the id into error logs). Deliberately not a child logger and async
 * context per request (pino-http, nestjs-pino's AsyncLocalStorage): they cost about 90 µs of a
 * 370 µs request (measured, see docs/ARCHITECTURE.md), and the line is built only when the
 * level is enabled. The logger is looked up per request: the app's pino instance exists only
 * once the app is initialised.
 */
export function registerRequestLog(fastify: FastifyInstance, loggerOf: () => Logger): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id);
    done();
  });
  const line = (req: { id: string; method: string; url: string; auth?: { apiKey?: { name: string } } }, status: number, ms: number) => ({
    reqId: req.id,
    method: req.method,
    url: loggedUrl(req.url),
    status,
    responseTime: Math.round(ms),
    // Integration calls carry the key's name (who called, for the access log).
    ...(req.auth?.apiKey ? { apiKey: req.auth.apiKey.name } : {}),
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const logger = loggerOf();
    if (isApiUrl(req.url) && logger.isLevelEnabled('info'))
      logger.info(line(req, reply.statusCode, reply.elapsedTime), 'request completed');
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    const logger = loggerOf();
    if (logger.isLevelEnabled('warn')) logger.warn(line(req, 0, 0), 'request aborted');
    done();
  });
}
