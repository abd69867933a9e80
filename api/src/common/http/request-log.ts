import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const GIVEN_ID = /^[\w-]{1,64}$/;

export type RequestWithId = Request & { id?: string };

/**
 * Request id and one access-log line per API request. The id is the caller's `x-request-id`
 * when it is well-formed, else a new UUID; it is echoed as `X-Request-Id` and carried into
 * error logs by the error filter. Deliberately not pino-http plus AsyncLocalStorage: a child
 * logger and an async context per request cost about 90 µs of a 370 µs request (measured,
 * see docs/ARCHITECTURE.md), and the line is written only when the level is enabled. The
 * logger is looked up per request: the app's pino instance exists only once the app is initialised.
 */
export function requestLog(loggerOf: () => Logger) {
  return (req: RequestWithId, res: Response, next: NextFunction): void => {
    const logger = loggerOf();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (req.url.startsWith('/api') && logger.isLevelEnabled('info')) {
      const started = performance.now();
      const done = () => {
        res.off('finish', done);
        res.off('close', done);
        const line = { reqId: id, method: req.method, url: req.originalUrl, status: res.statusCode, responseTime: Math.round(performance.now() - started) };
        if (res.writableFinished) logger.info(line, 'request completed');
        else logger.warn(line, 'request aborted');
      };
      res.on('finish', done);
      res.on('close', done);
    }
    next();
  };
}
