import { Inject, Injectable, Logger, StreamableFile } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  fillTemplate,
  formatDateId,
  formatLetterNumber,
  formValueText,
  jakartaDate,
  letterNumberPatternProblems,
  documentTemplateProblems,
  type ActingKind,
  type FieldProblem,
  type FormField,
  type SignatureMode,
  type SignerKind,
} from '@layanan/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRepository, type CaseForIssueRow } from '../cases/case.repository';
import { PiiCipher } from '../privacy/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { issuanceConfig } from '../config';
import { contentDisposition } from '../files/file-inspection';
import { ServicesService } from '../services/services.service';
import { StoredFilesService, type StoreFile } from '../files/stored-files.service';
import { LetterNumbers } from './letter-numbers';
import type { Letter, LetterSignatory } from './rendering/letter-renderer';
import { PERSONAL_SIGNER, SEAL_SIGNER, type SignRequest, type Signer } from './signing/signer.port';
import { LetterThreads } from './workers/letter-threads';

/** The case data a document is made from (a correction may change the applicant's data and form fields). */
export interface DocumentData {
  applicant: { name: string; nik: string; address: Record<string, string> | null };
  formData: Record<string, unknown>;
}

/** A personal signature given as Plh./Plt. of a position: the signer block reads "Plh. <positionTitle>". */
export interface SignerActing {
  kind: 'plh' | 'plt';
  positionTitle: string;
}

export interface IssueInput {
  caseId: string;
  mode: SignatureMode;
  /** The staff user whose action issues the document (and who signs, for 'personal'); `acting` when they sign as Plh./Plt. */
  actor: { id: string; name: string; acting?: SignerActing };
  passphrase?: string;
  /** Stores the signed bytes (StoredFilesService.withStoredFiles: undone if the transaction fails). */
  store: StoreFile;
  /** A correction: the document it replaces and the corrected data. */
  supersedes?: { id: string; data: DocumentData };
}

export interface IssuedDocument {
  id: string;
  number: string;
  sha256: string;
  verificationCode: string;
  signerKind: SignerKind;
}

interface TemplateRow {
  id: string;
  version: number;
  title: string;
  body: string;
  number_pattern: string | null;
}

interface LetterheadRow {
  lines: string[];
  address: string;
  contact: string;
  city: string;
  number_pattern: string | null;
  logo: Buffer | null;
}

interface SignatoryRow {
  /** null: the OPD itself (a seal whose template names no official). */
  user_id: string | null;
  full_name: string;
  nip: string;
  nik: string | null;
  position: string;
  rank: string | null;
  acting: ActingKind | null;
  acting_for: string | null;
}

const SIGNATORY = `
  SELECT s.user_id, u.full_name, s.nip, s.nik_enc AS nik, s.position, s.rank, s.acting, s.acting_for
    FROM signatories s JOIN users u ON u.id = s.user_id WHERE s.active AND u.active`;

/** 128 random bits in RFC 4648 base32 (26 characters): a verification code nobody can guess. */
export function newVerificationCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(17);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * Makes documents: fills the service's current template from the case, takes the next letter
 * number of the OPD (or the template's own counter) for the year, renders the A4 PDF with the
 * number and the verification QR code, has it signed, stores it and records it. `issue` runs
 * inside the caller's transaction, which also writes the case event: number, document and event
 * commit together or not at all. Every check that can fail runs before the number is taken.
 */
@Injectable()
export class IssuanceService {
  private readonly logger = new Logger('IssuanceService');

  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly services: ServicesService,
    @Inject(issuanceConfig.KEY) private readonly cfg: ConfigType<typeof issuanceConfig>,
    @Inject(PERSONAL_SIGNER) private readonly personalSigner: Signer,
    @Inject(SEAL_SIGNER) private readonly sealSigner: Signer,
    private readonly files: StoredFilesService,
    private readonly numbers: LetterNumbers,
    private readonly pii: PiiCipher,
    private readonly threads: LetterThreads,
  ) {}

  /** A document's data as `issued_documents.data` stores it: the applicant's NIK encrypted (PiiCipher). */
  sealData(data: DocumentData): DocumentData {
    return { ...data, applicant: { ...data.applicant, nik: this.pii.encrypt('nik', data.applicant.nik) } };
  }

  /** `issued_documents.data` with the NIK decrypted (a correction issues from it again). */
  openData(data: DocumentData): DocumentData {
    return { ...data, applicant: { ...data.applicant, nik: this.pii.decrypt('nik', data.applicant.nik) } };
  }

  verificationUrl(code: string): string {
    return `${this.cfg.publicBaseUrl}/portal/verifikasi/${code}`;
  }

  /** The signer that a document of this mode goes to. */
  signerFor(mode: SignatureMode): Signer {
    return mode === 'seal' ? this.sealSigner : this.personalSigner;
  }

  /**
   * Runs `work` (a transaction that issues) with a `store` for the signed bytes: a failure deletes
   * what was stored, and a sign call whose outcome is unknown is recorded for the case page.
   */
  async withIssuing<T>(caseId: string, userId: string | null, work: (store: StoreFile) => Promise<T>): Promise<T> {
    try {
      return await this.files.withStoredFiles(work, 'issued');
    } catch (e) {
      if (e instanceof AppError && e.code === 'SIGNING_UNCERTAIN') {
        await this.db
          .query(`INSERT INTO signing_attempts (case_id, user_id, signer_kind, outcome) VALUES ($1, $2, $3, 'uncertain')`, [
            caseId,
            userId,
            this.personalSigner.kind,
          ])
          .catch((err: unknown) => this.logger.error({ err, caseId }, 'could not record an uncertain signing attempt'));
      }
      throw e;
    }
  }

  /** Issues one document inside `m`'s transaction; the caller holds the case row lock. */
  async issue(m: EntityManager, input: IssueInput): Promise<IssuedDocument> {
    const c = await this.caseRow(m, input.caseId);
    const data: DocumentData = input.supersedes?.data ?? {
      applicant: { name: c.applicant_name, nik: c.applicant_nik, address: c.applicant_address },
      formData: c.form_data,
    };
    const template = await this.currentTemplate(m, c.service_id);
    const letterhead = await this.letterhead(m, c.opd_id);
    const pattern = template.number_pattern ?? letterhead.number_pattern;
    if (!pattern)
      throw AppError.field('ISSUANCE_NOT_CONFIGURED', 'numberPattern', `the OPD ${c.opd_short_name} has no letter-number pattern`);
    const patternProblems = letterNumberPatternProblems(pattern);
    if (patternProblems.length) throw AppError.field('ISSUANCE_NOT_CONFIGURED', 'numberPattern', patternProblems.join('; '));
    const signatory = await this.signatory(
      m,
      input.mode,
      { opdId: c.opd_id, opdName: c.opd_name },
      template,
      input.actor.id,
      input.actor.acting,
    );
    const signer = this.signerFor(input.mode);
    const signRequest: Omit<SignRequest, 'pdf'> = {
      mode: input.mode,
      signatory: { userId: signatory.user_id, name: signatory.full_name, nik: signatory.nik, position: signatory.position },
      passphrase: input.passphrase,
      reason: `${template.title} untuk ${data.applicant.name}`,
      location: letterhead.city ? `${letterhead.city}, Indonesia` : 'Indonesia',
    };
    const now = new Date();
    const service = await this.services.get(c.service_id, c.service_version, m);
    // The number and the QR code are filled last; everything else must already be fillable.
    const fill = (number: string) => this.fill(template, c, data, service, { number, date: now, signatory });
    fill('-');
    await signer.authorize(signRequest);
    // Everything that needs no number happens before the counter row is locked (see LetterNumbers).
    const put = await input.store.reserve();
    await m.query(`UPDATE signing_attempts SET resolved_at = $2 WHERE case_id = $1 AND resolved_at IS NULL`, [c.id, now]);
    const scope = template.number_pattern ? `service:${c.service_id}` : '';
    const { year } = jakartaDate(now);
    const code = newVerificationCode();
    // The local signer signs in process: a document signed with a wrong guess is thrown away. A
    // remote signer (BSrE) signs only the document that will be issued.
    const make = async (seq: number) => {
      const number = formatLetterNumber(pattern, seq, now);
      const filled = fill(number);
      const letter = this.letter({
        ...filled,
        letterhead,
        signatory,
        now,
        mode: input.mode,
        kind: signer.kind,
        opdName: c.opd_name,
        number,
        code,
      });
      if (!signer.signLetter) return { seq, number, filled, unsigned: await this.threads.render(letter), signed: null, storageKey: null };
      const signed = await signer.signLetter(letter, signRequest);
      // Stored under the reserved key (a second `put` replaces the bytes of a wrong guess).
      return { seq, number, filled, unsigned: null, signed, storageKey: await put(signed) };
    };
    const guess = await this.numbers.guess(m, { opdId: c.opd_id, scope, year });
    let made: Awaited<ReturnType<typeof make>>;
    try {
      made = await make(guess.seq);
      const seq = await guess.take();
      if (seq !== made.seq) made = await make(seq);
    } finally {
      guess.abandon();
    }
    const { seq, number, filled } = made;
    const signed = made.signed ?? (await signer.sign({ ...signRequest, pdf: made.unsigned }));
    const sha256 = createHash('sha256').update(signed).digest('hex');
    const storageKey = made.storageKey ?? (await put(signed));
    const id = randomUUID();
    await m.query(
      `INSERT INTO issued_documents (id, case_id, opd_id, service_id, service_version, template_id, template_version, number, counter_scope,
         year, seq, title, verification_code, storage_key, size, sha256, signature_mode, signer_kind, signer_user_id, signer_name, signer_nip,
         signer_position, applicant_name, data, issued_at, issued_by_id, supersedes_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)`,
      [
        id,
        c.id,
        c.opd_id,
        c.service_id,
        c.service_version,
        template.id,
        template.version,
        number,
        scope,
        year,
        seq,
        filled.title,
        code,
        storageKey,
        signed.length,
        sha256,
        input.mode,
        signer.kind,
        signatory.user_id,
        signatory.full_name,
        signatory.nip,
        positionLine(signatory),
        data.applicant.name,
        JSON.stringify(this.sealData(data)),
        now,
        input.actor.id,
        input.supersedes?.id ?? null,
      ],
    );
    return { id, number, sha256, verificationCode: code, signerKind: signer.kind };
  }

  /** The draft a signer reviews before signing: the real text, no number, no QR code, watermarked DRAF. */
  async draft(caseId: string, mode: SignatureMode, actor: { id: string; acting?: SignerActing }): Promise<Buffer> {
    const m = this.db.manager;
    const c = await this.caseRow(m, caseId);
    const template = await this.currentTemplate(m, c.service_id);
    const letterhead = await this.letterhead(m, c.opd_id);
    const signatory = await this.signatory(m, mode, { opdId: c.opd_id, opdName: c.opd_name }, template, actor.id, actor.acting);
    const service = await this.services.get(c.service_id, c.service_version, m);
    const data: DocumentData = {
      applicant: { name: c.applicant_name, nik: c.applicant_nik, address: c.applicant_address },
      formData: c.form_data,
    };
    const now = new Date();
    const filled = this.fill(template, c, data, service, { number: '……', date: now, signatory });
    return this.threads.render({
      ...this.letter({
        ...filled,
        letterhead,
        signatory,
        now,
        mode,
        kind: this.signerFor(mode).kind,
        opdName: c.opd_name,
        number: null,
        code: null,
      }),
      watermark: 'DRAF',
    });
  }

  /** A template preview with a sample applicant, for the console's editor (nothing is stored). */
  async sample(serviceId: string, texts: { title: string; body: string; numberPattern: string | null }): Promise<Buffer> {
    const service = await this.services.get(serviceId);
    this.checkTexts(texts, service.formFields);
    const m = this.db.manager;
    const letterhead = await this.letterhead(m, service.opdId).catch(() => ({
      lines: ['PEMERINTAH KOTA MALANG', service.opdName],
      address: '',
      contact: '',
      city: 'Malang',
      number_pattern: null,
      logo: null,
    }));
    const pattern = texts.numberPattern ?? letterhead.number_pattern ?? '{seq}/{year}';
    const [opd] = await m.query<{ name: string }[]>(`SELECT name FROM opds WHERE id = $1`, [service.opdId]);
    const [def] = namesSigner(texts)
      ? await m.query<SignatoryRow[]>(`${SIGNATORY} AND s.opd_id = $1 ORDER BY s.is_default DESC LIMIT 1`, [service.opdId])
      : [institution(opd?.name ?? service.opdName)];
    // A preview signs nothing: the signatory's NIK (for BSrE) is not needed.
    const signatory: SignatoryRow = def
      ? { ...def, nik: null }
      : {
          user_id: '',
          full_name: 'Nama Penandatangan',
          nip: '000000000000000000',
          nik: null,
          position: `Kepala ${opd?.name ?? service.opdName}`,
          rank: null,
          acting: null,
          acting_for: null,
        };
    const now = new Date();
    const number = formatLetterNumber(pattern, 1, now);
    const c: CaseForIssueRow = {
      id: '',
      tracking_code: 'DKC-7F3K-92QX',
      opd_id: service.opdId,
      opd_name: opd?.name ?? service.opdName,
      opd_short_name: service.opdName,
      service_id: service.id,
      service_version: service.version,
      applicant_nik: '3573054107900001',
      applicant_name: 'Siti Aminah',
      applicant_address: { street: 'Jl. Soekarno Hatta No. 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
      form_data: sampleFormData(service.formFields),
      submitted_at: now,
    };
    const data: DocumentData = {
      applicant: { name: c.applicant_name, nik: c.applicant_nik, address: c.applicant_address },
      formData: c.form_data,
    };
    const filled = this.fill({ id: '', version: 0, ...texts, number_pattern: texts.numberPattern }, c, data, service, {
      number,
      date: now,
      signatory,
    });
    return this.threads.render({
      ...this.letter({ ...filled, letterhead, signatory, now, mode: 'seal', kind: 'local', opdName: c.opd_name, number, code: null }),
      watermark: 'CONTOH',
    });
  }

  /** Template texts against the service's form fields: 422 naming each unknown placeholder. */
  checkTexts(texts: { title: string; body: string; numberPattern?: string | null }, formFields: Pick<FormField, 'key'>[]): void {
    const details: FieldProblem[] = documentTemplateProblems(texts, formFields).map((p) => ({ field: p.field, message: p.message }));
    if (texts.numberPattern) {
      for (const message of letterNumberPatternProblems(texts.numberPattern)) details.push({ field: 'numberPattern', message });
    }
    if (details.length) throw new AppError('TEMPLATE_INVALID', details.map((d) => `${d.field}: ${d.message}`).join('; '), { details });
  }

  /** Streams a stored document. */
  async content(doc: { storage_key: string; size: number; number: string }): Promise<StreamableFile> {
    const stream = await this.files.read(doc.storage_key, 'issued').catch(() => {
      throw new AppError('NOT_FOUND', 'The stored file of this document is missing');
    });
    const name = `${doc.number.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`;
    return new StreamableFile(stream, { type: 'application/pdf', length: doc.size, disposition: contentDisposition(name) });
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async caseRow(m: EntityManager, caseId: string): Promise<CaseForIssueRow> {
    const c = await this.cases.forIssue(m, caseId);
    if (!c) throw AppError.notFound('Case');
    return c;
  }

  private async currentTemplate(m: EntityManager, serviceId: string): Promise<TemplateRow> {
    const [t] = await m.query<TemplateRow[]>(
      `SELECT id, version, title, body, number_pattern FROM document_templates WHERE service_id = $1 ORDER BY version DESC LIMIT 1`,
      [serviceId],
    );
    if (!t) throw AppError.field('ISSUANCE_NOT_CONFIGURED', 'template', 'the service has no document template');
    return t;
  }

  private async letterhead(m: EntityManager, opdId: string): Promise<LetterheadRow> {
    const [l] = await m.query<LetterheadRow[]>(
      `SELECT lines, address, contact, city, number_pattern, logo FROM opd_letterheads WHERE opd_id = $1`,
      [opdId],
    );
    if (!l) throw AppError.field('ISSUANCE_NOT_CONFIGURED', 'letterhead', 'the OPD has no letterhead (kop surat)');
    return l;
  }

  /**
   * 'personal': the acting user's signatory profile. A Plh./Plt. signs with their own profile (NIP,
   * certificate), which may belong to another OPD, under the acting position's heading. 'seal': the
   * institution's seal stands for the OPD, and an official appears only when the template names one
   * (`{{signer.name}}`, `{{signer.position}}`: "Yang bertanda tangan di bawah ini, Kepala Dinas …"),
   * then the OPD's default signatory; otherwise the letter is the OPD's own, with no person's name
   * or NIP on it.
   */
  private async signatory(
    m: EntityManager,
    mode: SignatureMode,
    c: { opdId: string; opdName: string },
    texts: { title: string; body: string },
    userId: string,
    acting?: SignerActing,
  ): Promise<SignatoryRow> {
    if (mode === 'seal' && !namesSigner(texts)) return institution(c.opdName);
    const opdId = c.opdId;
    const [s] =
      mode === 'personal'
        ? acting
          ? await m.query<SignatoryRow[]>(`${SIGNATORY} AND s.user_id = $1`, [userId])
          : await m.query<SignatoryRow[]>(`${SIGNATORY} AND s.user_id = $1 AND s.opd_id = $2`, [userId, opdId])
        : await m.query<SignatoryRow[]>(`${SIGNATORY} AND s.opd_id = $1 AND s.is_default`, [opdId]);
    if (s) s.nik = this.pii.decryptNullable('nik', s.nik);
    if (s && mode === 'personal' && acting) return { ...s, acting: acting.kind, acting_for: acting.positionTitle };
    if (!s)
      throw AppError.field(
        'ISSUANCE_NOT_CONFIGURED',
        'signatory',
        mode === 'personal' ? 'you have no signatory profile (NIP, position) in this OPD' : 'the OPD has no default signatory',
      );
    return s;
  }

  private fill(
    template: TemplateRow,
    c: CaseForIssueRow,
    data: DocumentData,
    service: { name: string; product: string; formFields: FormField[] },
    doc: { number: string; date: Date; signatory: SignatoryRow },
  ): { title: string; body: string } {
    const formFields = service.formFields;
    this.checkTexts({ title: template.title, body: template.body }, formFields);
    const address = data.applicant.address;
    const values: Record<string, string | undefined> = {
      'applicant.name': data.applicant.name,
      'applicant.nik': data.applicant.nik,
      'applicant.address': address
        ? [
            address.street,
            address.kelurahan && `Kel. ${address.kelurahan}`,
            address.kecamatan && `Kec. ${address.kecamatan}`,
            'Kota Malang',
          ]
            .filter(Boolean)
            .join(', ')
        : // The address is optional at intake: a letter then says "-" rather than refusing to issue.
          '-',
      'case.trackingCode': c.tracking_code,
      'case.submittedDate': formatDateId(c.submitted_at),
      'service.name': service.name,
      'service.product': service.product,
      'opd.name': c.opd_name,
      'document.number': doc.number,
      'document.date': formatDateId(doc.date),
      'signer.name': doc.signatory.full_name,
      'signer.position': positionLine(doc.signatory),
    };
    for (const f of formFields) {
      const v = data.formData[f.key];
      values[`form.${f.key}`] =
        v === undefined || v === null || v === ''
          ? undefined
          : f.type === 'date' && typeof v === 'string'
            ? formatDateId(v)
            : formValueText(v);
    }
    const title = fillTemplate(template.title, values);
    const body = fillTemplate(template.body, values);
    const missing = [...new Set([...title.missing, ...body.missing])];
    if (missing.length) {
      throw new AppError('TEMPLATE_INVALID', `No value for ${missing.join(', ')}`, {
        details: missing.map((name) => ({
          field: name.startsWith('form.') ? `formData.${name.slice(5)}` : name,
          message: `has no value for {{${name}}} in the template`,
        })),
      });
    }
    return { title: title.text.trim(), body: body.text };
  }

  private letter(a: {
    title: string;
    body: string;
    letterhead: LetterheadRow;
    signatory: SignatoryRow;
    now: Date;
    mode: SignatureMode;
    kind: SignerKind;
    opdName: string;
    number: string | null;
    code: string | null;
  }): Letter {
    const signatory: LetterSignatory | null =
      a.signatory.user_id === null && a.mode === 'seal'
        ? null
        : {
            name: a.signatory.full_name,
            nip: a.signatory.nip,
            position: a.signatory.position,
            rank: a.signatory.rank,
            acting: a.signatory.acting,
            actingFor: a.signatory.acting_for,
          };
    return {
      letterhead: { lines: a.letterhead.lines, address: a.letterhead.address, contact: a.letterhead.contact, logo: a.letterhead.logo },
      title: a.title,
      number: a.number,
      body: a.body,
      city: a.letterhead.city,
      date: a.now,
      signatory,
      signature: { mode: a.mode, kind: a.kind, opdName: a.opdName },
      verification: a.code ? { url: this.verificationUrl(a.code), code: a.code } : null,
      watermark: null,
      subject: a.title,
    };
  }
}

/** Whether a template's texts name the signing official (then a seal document shows them). */
function namesSigner(texts: { title: string; body: string }): boolean {
  return /\{\{\s*signer\./.test(`${texts.title}\n${texts.body}`);
}

/** The OPD as the "signatory" of its seal: recorded as signer name, no NIP; the letter names no person. */
function institution(opdName: string): SignatoryRow {
  return {
    user_id: null,
    full_name: opdName,
    nip: '',
    nik: null,
    position: 'Segel elektronik',
    rank: null,
    acting: null,
    acting_for: null,
  };
}

/** The signatory's position as running text, e.g. "a.n. Kepala Dinas ... Sekretaris" or "Plh. Kepala Dinas ...". */
function positionLine(s: SignatoryRow): string {
  if (s.acting === 'an' && s.acting_for) return `a.n. ${s.acting_for} ${s.position}`;
  if ((s.acting === 'plh' || s.acting === 'plt') && s.acting_for) return `${s.acting === 'plh' ? 'Plh.' : 'Plt.'} ${s.acting_for}`;
  return s.position;
}

function sampleFormData(fields: FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'date') out[f.key] = '2026-11-20';
    else if (f.type === 'number') out[f.key] = 3;
    else if (f.type === 'select') out[f.key] = f.options?.[0] ?? f.label;
    else out[f.key] = `(${f.label})`;
  }
  return out;
}
