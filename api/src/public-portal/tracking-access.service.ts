import { Injectable } from '@nestjs/common';
import { isTrackingCode, normaliseTrackingCode } from '@layanan/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CaseRepository, type TrackedCaseRow } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';

const FACTOR = /^\d{4}$/;

/** The same answer for an unknown code and a wrong factor: nothing to learn by guessing. */
export const trackingNotFound = () =>
  new AppError('TRACKING_NOT_FOUND', 'No application matches this tracking code and verification number');

/**
 * The citizen's key to a case: the tracking code plus the last 4 digits of the NIK or phone
 * number, compared in constant time. Tracking, the survey and complaints about a case all go
 * through here, so a wrong factor is the same 404 everywhere.
 */
@Injectable()
export class TrackingAccessService {
  constructor(private readonly repo: CaseRepository) {}

  async authorise(rawCode: string, factor: string | undefined): Promise<TrackedCaseRow> {
    if (factor === undefined || !FACTOR.test(factor))
      throw AppError.field('FIELD_INVALID', 'factor', 'must be the last 4 digits of the NIK or phone number');
    const code = normaliseTrackingCode(rawCode);
    const c = isTrackingCode(code) ? await this.repo.byTrackingCode(code) : undefined;
    // Compare against both secrets even when the code is unknown, so timing tells nothing.
    const nikOk = constantTimeEqual(factor, c ? c.applicant_nik.slice(-4) : '\0\0\0\0');
    const phoneOk = constantTimeEqual(factor, c?.applicant_phone ? c.applicant_phone.slice(-4) : '\0\0\0\0');
    if (!c || !(nikOk || phoneOk)) throw trackingNotFound();
    return c;
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  // Hash first: timingSafeEqual needs equal lengths, and digests always are.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
