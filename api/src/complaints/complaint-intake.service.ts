import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_ANSWER_WORKING_DAYS,
  NOTIFICATION_CHANNELS,
  TRACKING_ALPHABET,
  isComplaintCode,
  normaliseTrackingCode,
  type NotificationChannel,
  type PublicComplaintView,
} from '@layanan/contracts';
import { computeDueAt } from '@layanan/sla';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { IncomingFile, InspectedFile } from '../files/file-inspection';
import { StoredFilesService } from '../files/stored-files.service';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { TrackingAccessService } from '../public-portal/tracking-access.service';
import { ServicesService } from '../services/services.service';
import { toPublic } from './complaint-view';
import type { NewComplaintDto } from './dto/complaint.dto';
import { ComplaintsRepository, type NewComplaintRow } from './complaints.repository';

/** e.g. ADU-7F3K-92QX-M4TD: 12 random characters of the tracking alphabet (~5e17 codes). */
export function newComplaintCode(): string {
  const pick = () => Array.from({ length: 4 }, () => TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)]).join('');
  return `ADU-${pick()}-${pick()}-${pick()}`;
}

const complaintNotFound = () => new AppError('NOT_FOUND', 'No complaint has this code');

/**
 * The citizen's side: file a complaint about a case (tracking code + factor, the same 404 as
 * tracking when either is wrong) or a service, with an optional attachment checked like an
 * application's documents; read it back, with the answer, by its own code.
 */
@Injectable()
export class ComplaintIntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: ComplaintsRepository,
    private readonly access: TrackingAccessService,
    private readonly services: ServicesService,
    private readonly files: StoredFilesService,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async file(dto: NewComplaintDto, upload: IncomingFile | undefined): Promise<PublicComplaintView> {
    const notify = consent(dto);
    const about = await this.subject(dto);
    for (const ch of notify.channels)
      if (!(ch === 'email' ? about.email : about.phone))
        throw AppError.validation([{ field: ch === 'email' ? 'email' : 'phone', message: `is needed to be notified by ${ch}` }]);
    const attachment = upload ? await this.files.inspect(upload, 'attachment') : null;
    const now = new Date();
    const dueAt = computeDueAt(now, { amount: COMPLAINT_ANSWER_WORKING_DAYS, unit: 'days' }, await this.calendar.get());
    const code = newComplaintCode();
    const id = await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const stored = attachment ? storedAttachment(attachment, await store(attachment.bytes)) : null;
        return this.repo.insert(m, { ...about, trackingCode: code, message: dto.message.trim(), dueAt, attachment: stored, notify });
      }),
    );
    const row = await this.repo.byId(id);
    if (!row) throw new Error('complaint vanished after insert');
    return toPublic(row);
  }

  async track(rawCode: string): Promise<PublicComplaintView> {
    const code = normaliseTrackingCode(rawCode);
    const row = isComplaintCode(code) ? await this.repo.byCode(code) : undefined;
    if (!row) throw complaintNotFound();
    return toPublic(row);
  }

  /** Who and what the complaint is about; every check before any write. */
  private async subject(
    dto: NewComplaintDto,
  ): Promise<Omit<NewComplaintRow, 'trackingCode' | 'message' | 'dueAt' | 'attachment' | 'notify'>> {
    const contact = { phone: dto.phone?.trim() || null, email: dto.email?.trim().toLowerCase() || null };
    if (dto.trackingCode !== undefined && dto.trackingCode.trim() !== '') {
      const c = await this.access.authorise(dto.trackingCode, dto.factor);
      return {
        opdId: c.opd_id,
        serviceId: c.service_id,
        caseId: c.id,
        caseTrackingCode: c.tracking_code,
        name: dto.name?.trim() || c.applicant_name,
        phone: contact.phone ?? c.applicant_phone,
        email: contact.email,
      };
    }
    const problems = [];
    if (!dto.serviceId) problems.push({ field: 'serviceId', message: 'is required when the complaint is not about a tracked application' });
    if (!dto.name?.trim()) problems.push({ field: 'name', message: 'is required when the complaint is not about a tracked application' });
    if (problems.length) throw AppError.validation(problems);
    const service = await this.services.get(dto.serviceId ?? '').catch(() => null);
    if (!service || !service.active) throw AppError.field('REFERENCE_INVALID', 'serviceId', 'is not an offered service');
    return { opdId: service.opdId, serviceId: service.id, caseId: null, caseTrackingCode: null, name: dto.name?.trim() ?? '', ...contact };
  }
}

function storedAttachment(f: InspectedFile, storageKey: string): NonNullable<NewComplaintRow['attachment']> {
  return { storageKey, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256 };
}

/** The complainant's consent to notifications (channels and language), checked before any write. */
function consent(dto: NewComplaintDto): NewComplaintRow['notify'] {
  const raw = dto.notify === undefined ? [] : Array.isArray(dto.notify) ? dto.notify : dto.notify.split(',');
  const channels = [...new Set(raw.map((c) => (typeof c === 'string' ? c.trim() : '')).filter((c) => c !== ''))];
  const unknown = channels.filter((c) => !(NOTIFICATION_CHANNELS as readonly string[]).includes(c));
  if (unknown.length) throw AppError.field('FIELD_INVALID', 'notify', `unknown channel ${unknown.join(', ')}; use email, whatsapp`);
  return { channels: channels as NotificationChannel[], locale: dto.locale ?? 'id' };
}
