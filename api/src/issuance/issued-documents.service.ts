import { Injectable, StreamableFile } from '@nestjs/common';
import {
  maskName,
  VERIFICATION_CODE,
  type IssuedDocumentStatus,
  type IssuedDocumentView,
  type SignatureMode,
  type SignerKind,
  type TrackedIssuedDocument,
  type VerificationResult,
} from '@layanan/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { checkFormData } from '@layanan/contracts';
import { inCaseOpd, staffActor } from '../cases/actor';
import { subjectOf } from '../cases/case-access';
import { CaseEventsService } from '../cases/case-events.service';
import { CaseRepository, type CaseForWrite } from '../cases/case.repository';
import { CaseReadsService } from '../cases/case-reads.service';
import type { IncomingFile } from '../files/file-inspection';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { CorrectDocumentDto } from './dto/issuance.dto';
import { IssuanceService, type DocumentData } from './issuance.service';

interface DocumentRow {
  id: string;
  case_id: string;
  number: string;
  title: string;
  status: IssuedDocumentStatus;
  issued_at: Date;
  sha256: string;
  size: number;
  storage_key: string;
  signature_mode: SignatureMode;
  signer_kind: SignerKind;
  signer_name: string;
  signer_position: string;
  verification_code: string;
  template_version: number;
  revoked_at: Date | null;
  revocation_reason: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  data: DocumentData;
  applicant_name: string;
  service_id: string;
  service_version: number;
}

const DOCUMENT_COLUMNS = `d.id, d.case_id, d.number, d.title, d.status, d.issued_at, d.sha256, d.size, d.storage_key, d.signature_mode, d.signer_kind,
  d.signer_name, d.signer_position, d.verification_code, d.template_version, d.revoked_at, d.revocation_reason, d.supersedes_id,
  d.superseded_by_id, d.data, d.applicant_name, d.service_id, d.service_version`;

/**
 * What happens to documents once issued: staff list and download them, the head revokes or
 * corrects them (a correction is a new document with a new number that references the old,
 * signed anew), citizens download theirs, and anyone holding the QR code or the PDF verifies it.
 */
@Injectable()
export class IssuedDocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly reads: CaseReadsService,
    private readonly events: CaseEventsService,
    private readonly issuance: IssuanceService,
    private readonly services: ServicesService,
    private readonly workflows: WorkflowRegistry,
  ) {}

  // ---- staff ------------------------------------------------------------------------------

  async forCase(auth: AuthContext, caseId: string) {
    await this.reads.ensureReadable(auth, caseId);
    const c = await this.caseSubjectRow(this.db.manager, caseId);
    const rows = await this.db.query<DocumentRow[]>(
      `SELECT ${DOCUMENT_COLUMNS} FROM issued_documents d WHERE d.case_id = $1 ORDER BY d.issued_at`,
      [caseId],
    );
    const [attempt] = await this.db.query<{ created_at: Date; signer_kind: SignerKind; full_name: string | null }[]>(
      `SELECT a.created_at, a.signer_kind, u.full_name FROM signing_attempts a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.case_id = $1 AND a.resolved_at IS NULL ORDER BY a.created_at DESC LIMIT 1`,
      [caseId],
    );
    return {
      documents: rows.map((r) => this.view(r)),
      signingUncertain: attempt
        ? { at: attempt.created_at.toISOString(), signerKind: attempt.signer_kind, userName: attempt.full_name }
        : null,
      canRevoke: auth.ability.can('revokeDocument', subjectOf(c)),
      correctionSignature: await this.issuingMode(c),
      personalSignerKind: this.issuance.signerFor('personal').kind,
    };
  }

  /** The signed PDF for staff who work the case (act) or see its personal data; every read is logged. */
  async content(auth: AuthContext, documentId: string): Promise<StreamableFile> {
    const doc = await this.document(this.db.manager, documentId);
    const c = await this.caseSubjectRow(this.db.manager, doc.case_id);
    this.ensureMayOpen(auth, c);
    await this.cases.logPersonalDataAccess(auth.user.id, doc.case_id, 'read_issued_document');
    return this.issuance.content(doc);
  }

  /** The draft the signer reviews: the real letter without number or QR code, watermarked DRAF. */
  async draft(auth: AuthContext, caseId: string): Promise<Buffer> {
    const c = await this.caseSubjectRow(this.db.manager, caseId);
    this.ensureMayOpen(auth, c);
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    const here = Object.values(def.states[c.state]?.on ?? {}).find((t) => t.issues)?.issues;
    const mode = here?.signature ?? (await this.issuingMode(c));
    if (!mode) throw new AppError('RULE_VIOLATED', "The case's workflow issues no document");
    const grant = auth.user.acting?.find(
      (g) => g.opdId === c.opd_id && !(auth.user.opdId === c.opd_id && auth.user.roles.includes(g.role)),
    );
    return this.issuance.draft(caseId, mode, {
      id: auth.user.id,
      acting: grant && { kind: grant.kind, positionTitle: grant.positionTitle },
    });
  }

  async revoke(auth: AuthContext, documentId: string, reason: string): Promise<IssuedDocumentView> {
    const text = reason.trim();
    if (!text) throw AppError.field('FIELD_REQUIRED', 'reason', 'is required to revoke a document');
    await this.db.transaction(async (m) => {
      const doc = await this.document(m, documentId);
      const c = await this.lockCase(m, auth, doc.case_id);
      const [locked] = await m.query<
        {
          status: string;
        }[]
      >(`SELECT status FROM issued_documents WHERE id = $1 FOR UPDATE`, [documentId]);
      if (locked.status !== 'valid') throw new AppError('DOCUMENT_NOT_VALID', `Document ${doc.number} is already ${locked.status}`);
      const now = new Date();
      await m.query(
        `UPDATE issued_documents SET status = 'revoked', revoked_at = $2, revoked_by_id = $3, revocation_reason = $4 WHERE id = $1`,
        [documentId, now, auth.user.id, text],
      );
      const payload = { documentId, documentNumber: doc.number };
      await this.events.append(
        m,
        c,
        {
          type: 'REVOKE_DOCUMENT',
          fromState: c.state,
          toState: c.state,
          actor: inCaseOpd(staffActor(auth), c.opd_id),
          actorRole: 'head',
          comment: null,
          reason: text,
          public: true,
          payload,
          now,
        },
        { topic: 'case.document_revoked', payload: { ...payload, opdId: c.opd_id } },
      );
    });
    return this.view(await this.document(this.db.manager, documentId));
  }

  /** A new document with a new number for the corrected data; the old one becomes "superseded" and names its replacement. */
  async correct(auth: AuthContext, documentId: string, dto: CorrectDocumentDto): Promise<IssuedDocumentView> {
    const reason = dto.reason.trim();
    const stored = await this.document(this.db.manager, documentId);
    const old = { ...stored, data: this.issuance.openData(stored.data) };
    const standard = await this.services.standardOf(old.service_id, old.service_version);
    let formData = old.data.formData;
    if (dto.formData) {
      const checked = checkFormData(standard.formFields, { ...old.data.formData, ...dto.formData });
      if (checked.problems.length) throw AppError.validation(checked.problems);
      formData = checked.values;
    }
    const data: DocumentData = {
      applicant: { ...old.data.applicant, name: dto.applicantName?.trim() || old.data.applicant.name },
      formData,
    };
    const created = await this.issuance.withIssuing(old.case_id, auth.user.id, (store) =>
      this.db.transaction(async (m) => {
        const c = await this.lockCase(m, auth, old.case_id);
        const [locked] = await m.query<
          {
            status: string;
          }[]
        >(`SELECT status FROM issued_documents WHERE id = $1 FOR UPDATE`, [documentId]);
        if (locked.status !== 'valid') throw new AppError('DOCUMENT_NOT_VALID', `Document ${old.number} is already ${locked.status}`);
        const mode = (await this.issuingMode(c)) ?? old.signature_mode;
        const doc = await this.issuance.issue(m, {
          caseId: c.id,
          mode,
          actor: { id: auth.user.id, name: auth.user.fullName },
          passphrase: dto.passphrase,
          store,
          supersedes: { id: documentId, data },
        });
        const now = new Date();
        await m.query(
          `UPDATE issued_documents SET status = 'superseded', revoked_at = $2, revoked_by_id = $3, revocation_reason = $4, superseded_by_id = $5 WHERE id = $1`,
          [documentId, now, auth.user.id, reason, doc.id],
        );
        const payload = {
          documentId: doc.id,
          documentNumber: doc.number,
          sha256: doc.sha256,
          supersedesId: documentId,
          supersedesNumber: old.number,
        };
        await this.events.append(
          m,
          c,
          {
            type: 'CORRECT_DOCUMENT',
            fromState: c.state,
            toState: c.state,
            actor: inCaseOpd(staffActor(auth), c.opd_id),
            actorRole: 'head',
            comment: null,
            reason,
            public: true,
            payload,
            now,
          },
          { topic: 'case.document_corrected', payload: { ...payload, opdId: c.opd_id } },
        );
        return doc;
      }),
    );
    return this.view(await this.document(this.db.manager, created.id));
  }

  // ---- citizens and the public ------------------------------------------------------------

  /** The document a citizen may download: valid, and released to them (the case's clock stopped: issued, collected). */
  async released(caseId: string, state: { released: boolean }): Promise<(TrackedIssuedDocument & { row: DocumentRow }) | null> {
    if (!state.released) return null;
    const [row] = await this.db.query<DocumentRow[]>(
      `SELECT ${DOCUMENT_COLUMNS} FROM issued_documents d WHERE d.case_id = $1 AND d.status = 'valid' ORDER BY d.issued_at DESC LIMIT 1`,
      [caseId],
    );
    if (!row) return null;
    return { number: row.number, title: row.title, issuedAt: row.issued_at.toISOString(), verificationCode: row.verification_code, row };
  }

  async releasedContent(caseId: string, state: { released: boolean }): Promise<StreamableFile> {
    const doc = await this.released(caseId, state);
    if (!doc) throw new AppError('NOT_FOUND', 'No issued document is available for this application yet');
    return this.issuance.content(doc.row);
  }

  async verify(code: string): Promise<VerificationResult> {
    const normalised = code.trim().toUpperCase();
    if (!VERIFICATION_CODE.test(normalised)) throw notVerified();
    return this.verification(`d.verification_code = $1`, normalised);
  }

  /** Whether an uploaded file is byte for byte the document behind `code`. */
  async verifyFile(code: string, file: IncomingFile | undefined): Promise<VerificationResult> {
    const sha256 = hashPdf(file);
    const result = await this.verify(code);
    return { ...result, fileMatches: result.sha256 === sha256 };
  }

  /** Finds the issued document an uploaded PDF is, by its SHA-256. */
  async verifyByFile(file: IncomingFile | undefined): Promise<VerificationResult> {
    const sha256 = hashPdf(file);
    return { ...(await this.verification(`d.sha256 = $1`, sha256)), fileMatches: true };
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async verification(where: string, value: string): Promise<VerificationResult> {
    const [r] = await this.db.query<
      {
        number: string;
        title: string;
        service_name: string;
        opd_name: string;
        issued_at: Date;
        signer_name: string;
        signer_position: string;
        signature_mode: SignatureMode;
        signer_kind: SignerKind;
        status: IssuedDocumentStatus;
        revoked_at: Date | null;
        revocation_reason: string | null;
        replaced_by: string | null;
        applicant_name: string;
        sha256: string;
      }[]
    >(
      `SELECT d.number, d.title, v.name AS service_name, o.name AS opd_name, d.issued_at, d.signer_name, d.signer_position, d.signature_mode,
              d.signer_kind, d.status, d.revoked_at, d.revocation_reason, n.number AS replaced_by, d.applicant_name, d.sha256
         FROM issued_documents d
         JOIN service_versions v ON v.service_id = d.service_id AND v.version = d.service_version
         JOIN opds o ON o.id = d.opd_id
         LEFT JOIN issued_documents n ON n.id = d.superseded_by_id
        WHERE ${where} ORDER BY d.issued_at DESC LIMIT 1`,
      [value],
    );
    if (!r) throw notVerified();
    return {
      number: r.number,
      title: r.title,
      serviceName: r.service_name,
      opdName: r.opd_name,
      issuedAt: r.issued_at.toISOString(),
      signerName: r.signer_name,
      signerPosition: r.signer_position,
      signatureMode: r.signature_mode,
      signerKind: r.signer_kind,
      status: r.status,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      revocationReason: r.revocation_reason,
      replacedByNumber: r.replaced_by,
      applicantName: maskName(r.applicant_name),
      sha256: r.sha256,
    };
  }

  private view(r: DocumentRow): IssuedDocumentView {
    return {
      id: r.id,
      caseId: r.case_id,
      number: r.number,
      title: r.title,
      status: r.status,
      issuedAt: r.issued_at.toISOString(),
      sha256: r.sha256,
      size: r.size,
      signatureMode: r.signature_mode,
      signerKind: r.signer_kind,
      signerName: r.signer_name,
      signerPosition: r.signer_position,
      verificationCode: r.verification_code,
      verificationUrl: this.issuance.verificationUrl(r.verification_code),
      templateVersion: r.template_version,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      revocationReason: r.revocation_reason,
      supersedesId: r.supersedes_id,
      supersededById: r.superseded_by_id,
    };
  }

  private async document(m: EntityManager, id: string): Promise<DocumentRow> {
    const [row] = await m.query<DocumentRow[]>(`SELECT ${DOCUMENT_COLUMNS} FROM issued_documents d WHERE d.id = $1`, [id]);
    if (!row) throw AppError.notFound('Document');
    return row;
  }

  private async caseSubjectRow(m: EntityManager, caseId: string, lock = false): Promise<CaseForWrite> {
    const c = await this.cases.findForWrite(m, caseId, { lock });
    if (!c) throw AppError.notFound('Case');
    return c;
  }

  /** Locks the case row (404 unless readable) and checks the caller may revoke or correct its documents. */
  private async lockCase(m: EntityManager, auth: AuthContext, caseId: string): Promise<CaseForWrite> {
    const c = await this.caseSubjectRow(m, caseId, true);
    const subject = subjectOf(c);
    if (!auth.ability.can('read', subject)) throw AppError.notFound('Case');
    if (!auth.ability.can('revokeDocument', subject))
      throw new AppError('FORBIDDEN', "Only the OPD's head may revoke or correct its documents");
    return c;
  }

  /** Issued letters carry the applicant's NIK: staff who work the case or may see its personal data. */
  private ensureMayOpen(auth: AuthContext, c: CaseForWrite): void {
    const subject = subjectOf(c);
    if (!auth.ability.can('read', subject)) throw AppError.notFound('Case');
    if (!auth.ability.can('act', subject) && !auth.ability.can('readPersonalData', subject))
      throw new AppError('FORBIDDEN', 'Your role may not open the documents of this case');
  }

  /** How the case's workflow signs its document (its issuing transition), if it issues one. */
  private async issuingMode(c: Pick<CaseForWrite, 'workflow_key' | 'workflow_version'>): Promise<SignatureMode | null> {
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    for (const state of Object.values(def.states)) {
      for (const t of Object.values(state.on ?? {})) if (t.issues) return t.issues.signature;
    }
    return null;
  }
}

const notVerified = () => new AppError('NOT_FOUND', 'No document issued by Layanan Terpadu matches');

function hashPdf(file: IncomingFile | undefined): string {
  if (!file) throw AppError.field('FIELD_INVALID', 'file', 'is required (the PDF to check)');
  if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') throw AppError.field('FILE_TYPE_UNSUPPORTED', 'file', 'must be a PDF');
  return createHash('sha256').update(file.buffer).digest('hex');
}
