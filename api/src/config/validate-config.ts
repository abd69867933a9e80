import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A setting that is missing or malformed; main.ts prints its message as one line. */
export class ConfigValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigValidationError';
  }
}

/** Validates one namespace of environment variables against a class-validator class. */
export function validateConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv): T {
  const instance = plainToInstance(cls, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const reasons = errors.map((e) => {
      const raw = env[e.property];
      const got = raw === undefined ? 'unset' : `got "${raw}"`;
      return `${e.property} ${[...new Set(Object.values(e.constraints ?? {}))].join(', ')} (${got})`;
    });
    throw new ConfigValidationError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  return instance;
}
