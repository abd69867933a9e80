import { Injectable } from '@nestjs/common';
import {
  letterNumberPatternProblems,
  nikProblem,
  type DocumentTemplateView,
  type LetterheadView,
  type SignatoryView,
} from '@layanan/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { PiiCipher } from '../privacy/pii-cipher';
import { filterIds, type ListQuery } from '../common/http/list-query';
import type { IncomingFile } from '../files/file-inspection';
import { ServicesService } from '../services/services.service';
import type { CreateSignatoryDto, LetterheadDto, SignatoryInputDto, TemplateTextsDto } from './dto/issuance.dto';
import { IssuanceService } from './issuance.service';

interface TemplateSqlRow {
  id: string;
  service_id: string;
  version: number;
  service_version: number;
  title: string;
  body: string;
  number_pattern: string | null;
  created_at: Date;
  created_by_name: string | null;
}

interface SignatorySqlRow {
  user_id: string;
  full_name: string;
  opd_id: string;
  nip: string;
  nik: string | null;
  position: string;
  rank: string | null;
  acting: SignatoryView['acting'];
  acting_for: string | null;
  is_default: boolean;
  active: boolean;
}

const TEMPLATE_SELECT = `
  SELECT t.id, t.service_id, t.version, t.service_version, t.title, t.body, t.number_pattern, t.created_at, u.full_name AS created_by_name
    FROM document_templates t LEFT JOIN users u ON u.id = t.created_by_id`;
const SIGNATORY_SELECT = `
  SELECT s.user_id, u.full_name, s.opd_id, s.nip, s.nik_enc AS nik, s.position, s.rank, s.acting, s.acting_for, s.is_default, s.active
    FROM signatories s JOIN users u ON u.id = s.user_id`;
const LOGO_MAX_BYTES = 512 * 1024;

/**
 * What issuing is configured with, edited by the admin in the console: document templates per
 * service (immutable versions: an edit adds one, documents already issued keep theirs), each
 * OPD's letterhead and letter-number pattern, and the signatories (NIP, position, acting).
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: DataSource,
    private readonly services: ServicesService,
    private readonly issuance: IssuanceService,
    private readonly pii: PiiCipher,
  ) {}

  // ---- templates --------------------------------------------------------------------------

  async versions(serviceId: string): Promise<DocumentTemplateView[]> {
    await this.services.get(serviceId);
    const rows = await this.db.query<TemplateSqlRow[]>(`${TEMPLATE_SELECT} WHERE t.service_id = $1 ORDER BY t.version DESC`, [serviceId]);
    return rows.map(templateView);
  }

  async current(serviceId: string): Promise<DocumentTemplateView> {
    const [row] = await this.versions(serviceId);
    if (!row) throw AppError.notFound('Document template');
    return row;
  }

  /** A new version, checked against the service's current form fields; 422 names each unknown placeholder. */
  async save(serviceId: string, dto: TemplateTextsDto, actorId: string): Promise<DocumentTemplateView> {
    const numberPattern = dto.numberPattern?.trim() || null;
    return this.db.transaction(async (m) => {
      // Serialises versions of one service's template.
      const [svc] = await m.query<
        {
          current_version: number;
        }[]
      >(`SELECT current_version FROM services WHERE id = $1 FOR UPDATE`, [serviceId]);
      if (!svc) throw AppError.notFound('Service');
      const service = await this.services.get(serviceId, svc.current_version, m);
      this.issuance.checkTexts({ title: dto.title, body: dto.body, numberPattern }, service.formFields);
      const [{ next }] = await m.query<{ next: number }[]>(
        `SELECT COALESCE(max(version), 0) + 1 AS next FROM document_templates WHERE service_id = $1`,
        [serviceId],
      );
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO document_templates (service_id, version, service_version, title, body, number_pattern, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [serviceId, next, svc.current_version, dto.title.trim(), dto.body, numberPattern, actorId],
      );
      const [saved] = await m.query<TemplateSqlRow[]>(`${TEMPLATE_SELECT} WHERE t.id = $1`, [row.id]);
      return templateView(saved);
    });
  }

  preview(serviceId: string, dto: TemplateTextsDto): Promise<Buffer> {
    return this.issuance.sample(serviceId, { title: dto.title, body: dto.body, numberPattern: dto.numberPattern?.trim() || null });
  }

  // ---- letterheads ------------------------------------------------------------------------

  async letterhead(opdId: string): Promise<LetterheadView> {
    const [opd] = await this.db.query<{ id: string; name: string }[]>(`SELECT id, name FROM opds WHERE id = $1`, [opdId]);
    if (!opd) throw AppError.notFound('OPD');
    const [row] = await this.db.query<
      { lines: string[]; address: string; contact: string; city: string; number_pattern: string | null; has_logo: boolean }[]
    >(`SELECT lines, address, contact, city, number_pattern, logo IS NOT NULL AS has_logo FROM opd_letterheads WHERE opd_id = $1`, [opdId]);
    if (!row)
      return {
        opdId,
        lines: ['PEMERINTAH KOTA MALANG', opd.name.toUpperCase()],
        address: '',
        contact: '',
        city: 'Malang',
        numberPattern: null,
        hasLogo: false,
      };
    return {
      opdId,
      lines: row.lines,
      address: row.address,
      contact: row.contact,
      city: row.city,
      numberPattern: row.number_pattern,
      hasLogo: row.has_logo,
    };
  }

  async saveLetterhead(opdId: string, dto: LetterheadDto): Promise<LetterheadView> {
    const lines = dto.lines.map((l) => l.trim()).filter(Boolean);
    if (!lines.length) throw AppError.field('FIELD_INVALID', 'lines', 'needs at least one line (e.g. PEMERINTAH KOTA MALANG)');
    const numberPattern = dto.numberPattern?.trim() || null;
    const problems = numberPattern ? letterNumberPatternProblems(numberPattern) : [];
    if (problems.length) throw AppError.validation(problems.map((message) => ({ field: 'numberPattern', message })));
    const [opd] = await this.db.query<unknown[]>(`SELECT 1 FROM opds WHERE id = $1`, [opdId]);
    if (!opd) throw AppError.notFound('OPD');
    await this.db.query(
      `INSERT INTO opd_letterheads (opd_id, lines, address, contact, city, number_pattern) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (opd_id) DO UPDATE SET lines = $2, address = $3, contact = $4, city = $5, number_pattern = $6, updated_at = now()`,
      [opdId, lines, dto.address.trim(), dto.contact.trim(), dto.city.trim(), numberPattern],
    );
    return this.letterhead(opdId);
  }

  /** A PNG or JPEG logo (by content), at most 512 KB. */
  async saveLogo(opdId: string, file: IncomingFile | undefined): Promise<LetterheadView> {
    if (!file) throw AppError.field('FIELD_INVALID', 'file', 'is required (a PNG or JPEG image)');
    const bytes = file.buffer;
    const type = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      ? 'image/png'
      : bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
        ? 'image/jpeg'
        : null;
    if (!type) throw AppError.field('FILE_TYPE_UNSUPPORTED', 'file', 'must be a PNG or JPEG image');
    if (bytes.length > LOGO_MAX_BYTES) throw AppError.field('FILE_TOO_LARGE', 'file', `must be at most ${LOGO_MAX_BYTES / 1024} KB`);
    await this.letterhead(opdId);
    const current = await this.letterhead(opdId);
    await this.db.query(
      `INSERT INTO opd_letterheads (opd_id, lines, address, contact, city, number_pattern, logo, logo_type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (opd_id) DO UPDATE SET logo = $7, logo_type = $8, updated_at = now()`,
      [opdId, current.lines, current.address, current.contact, current.city, current.numberPattern, bytes, type],
    );
    return this.letterhead(opdId);
  }

  async logo(opdId: string): Promise<{ bytes: Buffer; type: string }> {
    const [row] = await this.db.query<
      {
        logo: Buffer;
        logo_type: string;
      }[]
    >(`SELECT logo, logo_type FROM opd_letterheads WHERE opd_id = $1 AND logo IS NOT NULL`, [opdId]);
    if (!row) throw AppError.notFound('Logo');
    return { bytes: row.logo, type: row.logo_type };
  }

  // ---- signatories ------------------------------------------------------------------------

  async signatories(q: ListQuery): Promise<{ rows: SignatoryView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const ids = filterIds(q.filter);
    if (ids) where.push(`s.user_id = ANY($${params.push(ids)})`);
    const opdIds = filterIds(q.filter, 'opdId');
    if (opdIds) where.push(`s.opd_id = ANY($${params.push(opdIds)})`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.query<SignatorySqlRow[]>(
      `${SIGNATORY_SELECT} ${clause} ORDER BY ${q.sort?.field === 'id' ? `s.user_id ${q.sort.order}` : 'u.full_name, s.user_id'} LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM signatories s ${clause}`, params);
    return { rows: rows.map((r) => signatoryView(this.revealNik(r))), total: n };
  }

  async signatory(userId: string): Promise<SignatoryView> {
    const [row] = await this.db.query<SignatorySqlRow[]>(`${SIGNATORY_SELECT} WHERE s.user_id = $1`, [userId]);
    if (!row) throw AppError.notFound('Signatory');
    return signatoryView(this.revealNik(row));
  }

  async createSignatory(dto: CreateSignatoryDto): Promise<SignatoryView> {
    const [exists] = await this.db.query<unknown[]>(`SELECT 1 FROM signatories WHERE user_id = $1`, [dto.userId]);
    if (exists) throw AppError.field('DUPLICATE', 'userId', 'already has a signatory profile');
    return this.writeSignatory(dto.userId, dto);
  }

  async updateSignatory(userId: string, dto: SignatoryInputDto): Promise<SignatoryView> {
    await this.signatory(userId);
    return this.writeSignatory(userId, dto);
  }

  private async writeSignatory(userId: string, dto: SignatoryInputDto): Promise<SignatoryView> {
    const nik = dto.nik?.trim() || null;
    const nikError = nik ? nikProblem(nik) : null;
    if (nikError) throw AppError.field('FIELD_INVALID', 'nik', nikError);
    const acting = dto.acting ?? null;
    const actingFor = dto.actingFor?.trim() || null;
    if (acting && !actingFor) throw AppError.field('FIELD_REQUIRED', 'actingFor', 'names the position acted for (e.g. Kepala Dinas ...)');
    await this.db.transaction(async (m) => {
      const [user] = await m.query<
        {
          opd_id: string | null;
          active: boolean;
        }[]
      >(`SELECT opd_id, active FROM users WHERE id = $1`, [userId]);
      if (!user) throw AppError.field('REFERENCE_INVALID', 'userId', 'does not exist');
      if (!user.opd_id) throw AppError.field('REFERENCE_INVALID', 'userId', 'must be a staff member of an OPD');
      const isDefault = dto.isDefault ?? false;
      const active = dto.active ?? true;
      // One default signatory per OPD: naming a new one unsets the previous.
      if (isDefault && active)
        await m.query(`UPDATE signatories SET is_default = false WHERE opd_id = $1 AND user_id <> $2`, [user.opd_id, userId]);
      await m.query(
        `INSERT INTO signatories (user_id, opd_id, nip, nik_enc, position, rank, acting, acting_for, is_default, active) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         ON CONFLICT (user_id) DO UPDATE SET opd_id = $2, nip = $3, nik_enc = $4, position = $5, rank = $6, acting = $7, acting_for = $8,
           is_default = $9, active = $10, updated_at = now()`,
        [
          userId,
          user.opd_id,
          dto.nip,
          this.pii.encryptNullable('nik', nik),
          dto.position.trim(),
          dto.rank?.trim() || null,
          acting,
          actingFor,
          isDefault,
          active,
        ],
      );
    });
    return this.signatory(userId);
  }

  /** The signatory's NIK (for BSrE) is stored encrypted like the applicants' (PiiCipher). */
  private revealNik(r: SignatorySqlRow): SignatorySqlRow {
    return { ...r, nik: this.pii.decryptNullable('nik', r.nik) };
  }
}

function templateView(r: TemplateSqlRow): DocumentTemplateView {
  return {
    id: r.id,
    serviceId: r.service_id,
    version: r.version,
    serviceVersion: r.service_version,
    title: r.title,
    body: r.body,
    numberPattern: r.number_pattern,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  };
}

function signatoryView(r: SignatorySqlRow): SignatoryView & { id: string } {
  return {
    id: r.user_id,
    userId: r.user_id,
    fullName: r.full_name,
    opdId: r.opd_id,
    nip: r.nip,
    nik: r.nik,
    position: r.position,
    rank: r.rank,
    acting: r.acting,
    actingFor: r.acting_for,
    isDefault: r.is_default,
    active: r.active,
  };
}
