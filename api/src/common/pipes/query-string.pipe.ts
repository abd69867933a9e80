import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/**
 * An optional single-valued query string: `?q=a&q=b` arrives as an array, which a handler
 * typed `string` must never see. Absent stays undefined; a repeated parameter is a 400 naming it.
 */
@Injectable()
export class OptionalStringPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, meta: ArgumentMetadata): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw AppError.field('FIELD_INVALID', meta.data ?? 'query', 'must be given once, as text');
    return value;
  }
}
