import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { errorBody } from '../errors/http-error.filter';
import { isApiUrl } from './api-url';
import { API_SECURITY_HEADERS } from './security-headers';

/** What an overloaded instance tells a client to wait: short, the next second usually has room. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;
const REPORT_EVERY_MS = 10_000;
// Built once: a shed request must cost as little as possible (no serializer, no filter).
const SHED_BODY = JSON.stringify(
  errorBody('SERVICE_UNAVAILABLE', `Too many requests in progress; try again in ${OVERLOAD_RETRY_AFTER_SECONDS} s`),
);

/** Not counted and never shed: the load balancer's health check. */
const exempt = (url: string) => url === '/api/health' || url.startsWith('/api/health?');

/**
 * Admission control: at most `maxInFlight` API requests in progress in this process (by
 * default twice DB_POOL_SIZE: a request holds a connection for part of its time only). One more
 * is refused at once, before its body is read, with 503 SERVICE_UNAVAILABLE and
 * `Retry-After: 1`, so under a flood the admitted requests keep their latency and the rest
 * learn within a millisecond to come back, instead of every request queueing until it times
 * out. The first onRequest hook, so a refusal skips the other hooks (its access line too:
 * refusals are logged as a count every 10 s). A request leaves the count when its response is
 * closed: sent or aborted.
 */
export function registerAdmission(fastify: FastifyInstance, maxInFlight: number, loggerOf: () => Logger): void {
  let inFlight = 0;
  let shed = 0;
  let reportAt = 0;
  fastify.addHook('onRequest', (req, reply, done) => {
    if (!isApiUrl(req.url) || exempt(req.url)) return done();
    if (inFlight >= maxInFlight) {
      shed++;
      const now = Date.now();
      if (now >= reportAt) {
        reportAt = now + REPORT_EVERY_MS;
        const logger = loggerOf();
        if (logger.isLevelEnabled('warn'))
          logger.warn({ shed, maxInFlight }, 'overloaded: refused requests with 503 (count since the last report)');
        shed = 0;
      }
      void reply
        .code(503)
        .headers(API_SECURITY_HEADERS)
        .header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
        .header('content-type', 'application/json; charset=utf-8')
        .send(SHED_BODY);
      return;
    }
    inFlight++;
    let left = false;
    reply.raw.once('close', () => {
      if (left) return;
      left = true;
      inFlight--;
    });
    done();
  });
}
