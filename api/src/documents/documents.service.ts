import { Injectable, StreamableFile } from '@nestjs/common';
import type { CaseDetail, CaseDocumentView } from '@layanan/contracts';
import { decideOperational, type OperationalActionType } from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { inCaseOpd, roleFor, staffActor, workflowActor, type Actor } from '../cases/actor';
import { subjectOf } from '../cases/case-access';
import { decisionError } from '../cases/case-decision';
import { CaseEventsService } from '../cases/case-events.service';
import { caseFacts } from '../cases/case-facts';
import { CaseReadsService } from '../cases/case-reads.service';
import { CaseRepository, type CaseDocumentRow, type CaseForWrite } from '../cases/case.repository';
import { documentView } from '../cases/case-view';
import { contentDisposition, type IncomingFile, type InspectedFile } from '../files/file-inspection';
import { StoredFilesService, type StoreFile } from '../files/stored-files.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { CheckDocumentDto } from './dto/document.dto';

/** A case's documents (berkas) after intake: staff uploads and checks, the citizen's corrections, downloads. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly reads: CaseReadsService,
    private readonly services: ServicesService,
    private readonly workflows: WorkflowRegistry,
    private readonly files: StoredFilesService,
  ) {}

  /** A verifier or officer attaches a document to a case they may work on. */
  async upload(auth: AuthContext, caseId: string, requirementKey: string, file: IncomingFile | undefined): Promise<CaseDocumentView> {
    const inspected = await this.files.inspect(file, 'file');
    const actor = staffActor(auth);
    const row = await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const c = await this.repo.findForWrite(m, caseId, { lock: true });
        if (!c || !auth.ability.can('read', subjectOf(c))) throw AppError.notFound('Case');
        if (!auth.ability.can('act', subjectOf(c))) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
        const here = inCaseOpd(actor, c.opd_id);
        await this.ensureOperational(m, c, 'UPLOAD_DOCUMENT', here);
        return this.attach(m, c, { requirementKey, field: 'requirementKey', file: inspected, actor: here, publicEvent: false, store });
      }),
    );
    return documentView(row);
  }

  /**
   * Streams a stored document to staff whose role needs the personal data in it (KTP, KK scans
   * carry NIKs): others who can read the case get 403, everyone else 404. Every read is logged
   * like a case read (UU 27/2022).
   */
  async content(auth: AuthContext, caseId: string, documentId: string): Promise<StreamableFile> {
    await this.reads.ensureReadable(auth, caseId, 'readPersonalData');
    const doc = await this.repo.document(this.db, caseId, documentId);
    if (!doc) throw AppError.notFound('Document');
    const stream = await this.files.read(doc.storage_key);
    await this.repo.logPersonalDataAccess(auth.user.id, caseId, 'read_document');
    return new StreamableFile(stream, { type: doc.content_type, length: doc.size, disposition: contentDisposition(doc.file_name) });
  }

  /** Sesuai / Tidak Sesuai: one internal CHECK_DOCUMENT event; returns the refreshed case. */
  async check(auth: AuthContext, caseId: string, documentId: string, dto: CheckDocumentDto): Promise<CaseDetail> {
    const note = dto.note?.trim() || null;
    if (dto.status === 'invalid' && !note) throw AppError.field('FIELD_REQUIRED', 'note', 'is required when a document is marked invalid');
    const written = await this.db.transaction(async (m) => {
      const c = await this.repo.findForWrite(m, caseId, { lock: true });
      if (!c || !auth.ability.can('read', subjectOf(c))) throw AppError.notFound('Case');
      const actor = inCaseOpd(staffActor(auth), c.opd_id);
      const doc = await this.repo.document(m, caseId, documentId, { lock: true });
      if (!doc) throw AppError.notFound('Document');
      if (!auth.ability.can('checkDocument', subjectOf(c))) throw new AppError('FORBIDDEN', 'You may not check documents of this case');
      await this.ensureOperational(m, c, 'CHECK_DOCUMENT', actor);
      if (doc.superseded_at) {
        throw new AppError('DOCUMENT_SUPERSEDED', 'A newer file has been uploaded for this requirement; check that one', {
          current: { state: c.state, version: c.version },
        });
      }
      const now = new Date();
      await this.repo.checkDocument(m, doc.id, { status: dto.status, note, by: auth.user.id, at: now });
      const payload = { documentId: doc.id, requirementKey: doc.requirement_key, status: dto.status };
      return this.events.append(
        m,
        c,
        {
          type: 'CHECK_DOCUMENT',
          fromState: c.state,
          toState: c.state,
          actor,
          actorRole: roleFor(['verifier'], actor),
          comment: note,
          reason: null,
          public: false,
          payload,
          now,
        },
        { topic: 'case.check_document', payload: { ...payload, opdId: c.opd_id } },
      );
    });
    return this.reads.view(auth, written, { logAccess: false });
  }

  /**
   * Under the case row lock: store the file, supersede the previous upload for the requirement,
   * insert the row (pending) and log UPLOAD_DOCUMENT with its outbox notice. The citizen's
   * correction (tracking page) comes through here too.
   */
  async attach(
    m: EntityManager,
    c: CaseForWrite,
    a: { requirementKey: string; field: string; file: InspectedFile; actor: Actor; publicEvent: boolean; store: StoreFile },
  ): Promise<CaseDocumentRow> {
    const service = await this.services.standardOf(c.service_id, c.service_version, m);
    const requirement = service.requirements.find((r) => r.key === a.requirementKey && r.kind === 'document');
    if (!requirement) {
      const keys = service.requirements.filter((r) => r.kind === 'document').map((r) => r.key);
      throw AppError.field('FIELD_INVALID', a.field, `must be one of the service's document requirements: ${keys.join(', ')}`);
    }
    const now = new Date();
    const row = await this.repo.addDocument(
      m,
      {
        case_id: c.id,
        requirement_key: a.requirementKey,
        file_name: a.file.fileName,
        storage_key: await a.store(a.file.bytes),
        content_type: a.file.contentType,
        size: a.file.size,
        sha256: a.file.sha256,
        uploaded_by_id: a.actor.auth ? a.actor.id : null,
        created_at: now,
      },
      { supersede: true },
    );
    const payload = {
      documentId: row.id,
      requirementKey: a.requirementKey,
      fileName: row.file_name,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256,
    };
    await this.events.append(
      m,
      c,
      {
        type: 'UPLOAD_DOCUMENT',
        fromState: c.state,
        toState: c.state,
        actor: a.actor,
        actorRole: roleFor(['officer', 'verifier', 'applicant'], a.actor),
        comment: null,
        reason: null,
        public: a.publicEvent,
        payload,
        now,
      },
      { topic: 'case.upload_document', payload: { documentId: row.id, requirementKey: a.requirementKey, opdId: c.opd_id } },
    );
    return row;
  }

  /** UPLOAD_DOCUMENT / CHECK_DOCUMENT must be open to this actor in the case's state (libs/workflow); also the applicant registry's document reuse. */
  async ensureOperational(m: EntityManager, c: CaseForWrite, type: OperationalActionType, actor: Actor): Promise<void> {
    const def = await this.workflows.get(c.workflow_key, c.workflow_version, m);
    const service = await this.services.standardOf(c.service_id, c.service_version, m);
    const d = decideOperational(def, c.state, caseFacts(c, service.requirements, c.documents), { type, actor: workflowActor(actor) });
    if (!d.ok) throw decisionError(d, type, def, { state: c.state, version: c.version });
  }
}
