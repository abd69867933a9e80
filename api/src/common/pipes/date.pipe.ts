import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** Route-param date (YYYY-MM-DD) check that names the parameter in the 400. */
@Injectable()
export class DatePipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    const d = new Date(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
      throw AppError.field('FIELD_INVALID', meta.data ?? 'date', 'must be a date YYYY-MM-DD');
    }
    return value;
  }
}
