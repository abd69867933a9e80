import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUID check for route params that names the parameter in the 400. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw AppError.field('FIELD_INVALID', meta.data ?? 'id', 'must be a UUID');
    return value;
  }
}

/** The same for optional query values: absent stays undefined. */
@Injectable()
export class OptionalUuidPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined, meta: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    return new UuidPipe().transform(value, meta);
  }
}
