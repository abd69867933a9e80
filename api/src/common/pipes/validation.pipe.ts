import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from '../errors/app-error';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(`${e.property} `, '') }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The path of the first string holding a NUL character, or null. PostgreSQL's text and jsonb
 * cannot store U+0000, so such a value would fail at the database after a partial write.
 */
export function nulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || 'body';
    const found = nulField(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** The one global pipe: unknown fields refused, NUL characters refused, types transformed, each bad field named. */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = nulField(value, metadata.type === 'param' || typeof value === 'string' ? (metadata.data ?? '') : '');
      if (field) throw AppError.validation([{ field, message: 'must not contain NUL characters' }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => AppError.validation(flatten(errors)),
  });
}
