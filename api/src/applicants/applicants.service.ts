import { Injectable, Logger } from '@nestjs/common';
import {
  normaliseTrackingCode,
  REUSABLE_REQUIREMENTS,
  type PortalReuseChoice,
  type ApplicantOverview,
  type CaseDocumentView,
  type PopulationCheckResult,
  type ReusableRequirement,
} from '@layanan/contracts';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { staffActor, inCaseOpd } from '../cases/actor';
import { subjectOf } from '../cases/case-access';
import { CASE_SQL_FIELDS } from '../cases/case-list.query';
import type { IntakeFile, RegisteredCase, ValidApplicant } from '../cases/case-intake.service';
import { CaseReadsService } from '../cases/case-reads.service';
import { documentView } from '../cases/case-view';
import { CaseRepository, type VerifiedDocumentRow } from '../cases/case.repository';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { DocumentsService } from '../documents/documents.service';
import type { AllowedType } from '../files/file-inspection';
import { StoredFilesService } from '../files/stored-files.service';
import { PopulationVerifier } from './population-verifier';
import type { ReuseDocumentDto } from './dto/reuse-document.dto';
import type { ServiceView } from '../services/dto/service.dto';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

const iso = (d: Date | string): string => new Date(d).toISOString();

function verifiedView(r: Omit<VerifiedDocumentRow, 'storage_key' | 'content_type' | 'size' | 'sha256'>) {
  return {
    documentId: r.document_id,
    requirementKey: r.requirement_key as ReusableRequirement,
    fileName: r.file_name,
    caseId: r.case_id,
    trackingCode: r.tracking_code,
    opdId: r.opd_id,
    opdName: r.opd_name,
    verifiedByName: r.verified_by_name,
    verifiedAt: iso(r.verified_at),
  };
}

/**
 * One applicant across all OPDs (the once-only principle). The registry is keyed by the NIK's
 * blind index, so it holds no NIK; a case finds its applicant through its own blind index.
 * Staff who may see the case's personal data see the applicant's other applications that they
 * may read (filtered in SQL by their read rules) and the KTP/KK verified on them; every such
 * read of another OPD's application is written to the personal-data access log (UU 27/2022).
 */
@Injectable()
export class ApplicantsService {
  private readonly logger = new Logger(ApplicantsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly reads: CaseReadsService,
    private readonly documents: DocumentsService,
    private readonly files: StoredFilesService,
    private readonly population: PopulationVerifier,
  ) {}

  private async applicantOf(auth: AuthContext, caseId: string) {
    await this.reads.ensureReadable(auth, caseId, 'readPersonalData');
    const a = await this.repo.applicantOf(caseId);
    if (!a) throw AppError.notFound('Case');
    return a;
  }

  async overview(auth: AuthContext, caseId: string): Promise<ApplicantOverview> {
    const a = await this.applicantOf(auth, caseId);
    const args = new SqlArgs();
    const where = abilityToSql(auth.ability, 'read', 'Case', CASE_SQL_FIELDS, args);
    const [others, verified, reused] = await Promise.all([
      this.repo.applicantCases(a.nik_bidx, caseId, { where, args }),
      this.repo.verifiedIdentityDocuments(a.nik_bidx, caseId, REUSABLE_REQUIREMENTS),
      this.repo.reusedDocuments(caseId),
    ]);
    // Another OPD's application (or document) seen through the registry: logged per case.
    const foreign = new Set([
      ...others.filter((r) => r.opd_id !== a.opd_id).map((r) => r.id),
      ...verified.filter((r) => r.opd_id !== a.opd_id).map((r) => r.case_id),
    ]);
    await this.repo.logPersonalDataAccessMany(auth.user.id, [...foreign], 'read_applicant_other_opd');
    return {
      applicantId: a.applicant_id,
      otherApplications: others.map((r) => ({
        id: r.id,
        trackingCode: r.tracking_code,
        opdId: r.opd_id,
        opdName: r.opd_name,
        serviceName: r.service_name,
        state: r.state,
        submittedAt: iso(r.submitted_at),
        isOpen: r.is_open,
      })),
      verifiedDocuments: verified.map(verifiedView),
      reusedDocuments: reused.map((r) => ({
        ...verifiedView(r),
        reusedAsDocumentId: r.reused_as_document_id,
        consentAt: iso(r.consent_at),
        recordedByName: r.recorded_by_name,
        source: r.source,
      })),
      populationCheck:
        a.population_check && a.population_checked_at ? { result: a.population_check, checkedAt: iso(a.population_checked_at) } : null,
      populationCheckAvailable: this.population.enabled,
    };
  }

  /**
   * With the applicant's consent (recorded with who recorded it), a KTP/KK an officer verified
   * on another application, at any OPD, becomes this case's document for the same requirement:
   * the file is copied (each case keeps its own file), pending the verifier's check, who sees
   * where and by whom the source was verified.
   */
  async reuse(auth: AuthContext, caseId: string, dto: ReuseDocumentDto): Promise<CaseDocumentView> {
    const a = await this.applicantOf(auth, caseId);
    const [source] = await this.repo.verifiedIdentityDocuments(a.nik_bidx, caseId, REUSABLE_REQUIREMENTS, dto.sourceDocumentId);
    if (!source)
      throw AppError.field('REFERENCE_INVALID', 'sourceDocumentId', "is not a verified KTP/KK of this applicant's other applications");
    const bytes = await readAll(await this.files.read(source.storage_key));
    const consentAt = new Date();
    const row = await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const c = await this.repo.findForWrite(m, caseId, { lock: true });
        if (!c || !auth.ability.can('read', subjectOf(c))) throw AppError.notFound('Case');
        if (!auth.ability.can('act', subjectOf(c))) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
        const actor = inCaseOpd(staffActor(auth), c.opd_id);
        await this.documents.ensureOperational(m, c, 'UPLOAD_DOCUMENT', actor);
        const file = {
          field: 'sourceDocumentId',
          bytes,
          contentType: source.content_type as AllowedType,
          size: source.size,
          sha256: source.sha256,
          fileName: source.file_name,
        };
        const doc = await this.documents.attach(m, c, {
          requirementKey: source.requirement_key,
          field: 'sourceDocumentId',
          file,
          actor,
          publicEvent: false,
          store,
        });
        await this.repo.recordDocumentReuse(m, {
          applicantId: a.applicant_id,
          caseId,
          documentId: doc.id,
          sourceDocumentId: source.document_id,
          consentAt,
          recordedById: auth.user.id,
        });
        return doc;
      }),
    );
    await this.repo.logPersonalDataAccessMany(auth.user.id, [source.case_id], 'reuse_document');
    return documentView(row);
  }

  /**
   * The portal's once-only reuse: each choice names an earlier application (any OPD) by its
   * tracking code; it must be the same NIK's and carry a verified, current KTP/KK, else a 422 on
   * `reuse[i].trackingCode` that says the same for an unknown code, another person's
   * application and a document not (yet) verified. The files come back as the new
   * application's documents, copied (each case keeps its own file), pending the verifier.
   */
  async portalReuseFiles(
    applicant: ValidApplicant,
    service: ServiceView,
    choices: readonly PortalReuseChoice[],
  ): Promise<Omit<IntakeFile, 'label'>[]> {
    const out: Omit<IntakeFile, 'label'>[] = [];
    for (const [i, choice] of choices.entries()) {
      const field = `reuse[${i}]`;
      if (!service.requirements.some((r) => r.kind === 'document' && r.key === choice.requirementKey))
        throw AppError.field('FIELD_INVALID', `${field}.requirementKey`, 'is not a document of this service');
      if (out.some((o) => o.requirementKey === choice.requirementKey))
        throw AppError.field('FIELD_INVALID', `${field}.requirementKey`, 'is chosen more than once');
      const source = await this.repo.verifiedIdentityDocumentOf(
        applicant.nik,
        normaliseTrackingCode(choice.trackingCode),
        choice.requirementKey,
      );
      if (!source)
        throw AppError.field(
          'REFERENCE_INVALID',
          `${field}.trackingCode`,
          `has no verified ${choice.requirementKey.toUpperCase()} of this NIK (check the tracking code of your earlier application)`,
        );
      out.push({
        requirementKey: source.requirement_key,
        reusedFrom: source.document_id,
        file: {
          field: `${field}.trackingCode`,
          bytes: await readAll(await this.files.read(source.storage_key)),
          contentType: source.content_type as AllowedType,
          size: source.size,
          sha256: source.sha256,
          fileName: source.file_name,
        },
      });
    }
    return out;
  }

  /** In the application's transaction: the applicant's own consent to each portal reuse, recorded with its source. */
  async recordPortalReuse(m: EntityManager, nik: string, created: RegisteredCase, consentAt: Date): Promise<void> {
    const reused = created.documents.filter((d) => d.reusedFrom);
    if (!reused.length) return;
    const applicantId = await this.repo.applicantIdByNik(m, nik);
    if (!applicantId) throw new Error('applicant registry entry missing after the case insert');
    for (const d of reused)
      await this.repo.recordDocumentReuse(m, {
        applicantId,
        caseId: created.id,
        documentId: d.id,
        sourceDocumentId: d.reusedFrom as string,
        consentAt,
        recordedById: null,
      });
  }

  /** Asks Dukcapil whether the case's NIK and name match the population register; keeps the answer on the applicant. */
  async checkPopulation(auth: AuthContext, caseId: string): Promise<{ result: PopulationCheckResult; checkedAt: string }> {
    const a = await this.applicantOf(auth, caseId);
    if (!this.population.enabled)
      throw new AppError('POPULATION_CHECK_OFF', "The NIK check against Dukcapil's register is not set up on this installation");
    const c = await this.repo.detail(caseId);
    if (!c) throw AppError.notFound('Case');
    let result: PopulationCheckResult;
    try {
      result = await this.population.verify({ nik: c.applicant_nik, name: c.applicant_name });
    } catch (e) {
      this.logger.warn(`population check: ${e instanceof Error ? e.message : String(e)}`);
      throw new AppError('SERVICE_UNAVAILABLE', "Dukcapil's verification service did not answer; try again later");
    }
    await this.repo.savePopulationCheck(a.applicant_id, result, auth.user.id);
    await this.repo.logPersonalDataAccessMany(auth.user.id, [caseId], 'population_check');
    return { result, checkedAt: new Date().toISOString() };
  }
}
