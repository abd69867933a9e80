import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'nestjs-pino';

/** Nest's own start-up chatter (modules loaded, ~80 routes mapped): debug, so the start banner stays the last thing printed. */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** The app's logger: nestjs-pino, with the framework's start-up lines moved down to debug. */
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) this.pino.debug(message, ...rest);
    else this.pino.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.pino.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.pino.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.pino.debug(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.pino.verbose(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.pino.fatal(message, ...rest);
  }
}
