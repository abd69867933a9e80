import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The languages the citizen's texts come in; Indonesian is the default. */
export type PublicLang = 'id' | 'en';

/**
 * The language an Accept-Language header prefers among ours: the highest q of an `id` (or the
 * old `in`) and an `en` tag, the first on a tie; Indonesian when it names neither.
 */
export function preferredLang(header: string | undefined): PublicLang {
  let best: { lang: PublicLang; q: number } | null = null;
  for (const part of (header ?? '').split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    const lang: PublicLang | null = base === 'en' ? 'en' : base === 'id' || base === 'in' ? 'id' : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'id';
}

/** The request's preferred PublicLang (route parameter decorator). */
export const AcceptLang = createParamDecorator((_: unknown, ctx: ExecutionContext): PublicLang =>
  preferredLang(ctx.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
