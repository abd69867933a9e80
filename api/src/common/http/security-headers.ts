import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { isApiUrl } from './api-url';

/**
 * Security headers, by what a response is.
 *
 * Pages (the console, the citizen portal, Swagger UI): helmet's full set, its middleware built
 * once (@fastify/helmet rebuilt it, CSP parsing included, on every request).
 *
 * JSON and files under /api: the OWASP REST Security Cheat Sheet's set for APIs (framing kept
 * at same-origin, as before, plus helmet's resource and referrer policies), as one constant
 * object. The headers helmet adds for HTML documents only (Origin-Agent-Cluster,
 * Cross-Origin-Opener-Policy, X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection) do nothing on a response no browser
 * renders as a page, and cost every request: each header is validated and written twice on
 * the way out. The API's CSP is stricter than the pages' (nothing may load from a JSON
 * response), and `no-store` keeps personal data out of browser and proxy caches.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
});

/** Swagger UI's pages (/api/docs, /api/docs/...) are HTML under /api; its document (/api/docs-json) is not. */
function isSwaggerPage(url: string): boolean {
  return url.startsWith('/api/docs') && !url.startsWith('/api/docs-json');
}

export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ["'self'", 'blob:'], 'object-src': ["'self'", 'blob:'] },
    },
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    if (isApiUrl(req.url) && !isSwaggerPage(req.url)) {
      reply.headers(API_SECURITY_HEADERS);
      done();
      return;
    }
    pageHeaders(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
}
