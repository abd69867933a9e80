import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { ActorRole, CaseDetail, CaseDocumentView } from '@layanan/contracts';
import { decideOperational, stateLabel, type OperationalActionType, type WorkflowDefinition } from '@layanan/workflow';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { appConfig } from '../config';
import { CasesService, staffActor, type Actor } from '../cases/cases.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import type { CheckDocumentDto } from './dto/document.dto';
import { contentDisposition, inspectFile, type IncomingFile, type InspectedFile } from './file-inspection';

/** The case row as locked for a document change (the columns CasesService.log/factsFor need). */
export interface LockedCaseRow {
  id: string;
  opd_id: string;
  handled_opd_ids: string[];
  state: string;
  is_open: boolean;
  assignee_id: string | null;
  verified_by_id: string | null;
  approved_by_id: string | null;
  workflow_key: string;
  workflow_version: number;
  service_id: string;
  service_version: number;
  version: number;
  event_count: number;
  last_event_hash: string | null;
  applicant_nik: string;
  applicant_phone: string | null;
  applicant_name: string;
}

const LOCK_CASE = `
  SELECT id, opd_id, handled_opd_ids, state, is_open, assignee_id, verified_by_id, approved_by_id, workflow_key, workflow_version,
         service_id, service_version, version, event_count, last_event_hash, applicant_nik, applicant_phone, applicant_name
    FROM cases WHERE id = $1 FOR UPDATE`;

interface DocumentRow {
  id: string;
  case_id: string;
  requirement_key: string;
  file_name: string;
  storage_key: string;
  content_type: string;
  size: number;
  sha256: string;
  status: 'pending' | 'valid' | 'invalid';
  note: string | null;
  superseded_at: Date | null;
  created_at: Date;
}

/** Stores a file under a fresh key; remembered so a failed transaction can delete it again. */
export type StoreFile = (bytes: Buffer) => Promise<string>;

@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly services: ServicesService,
    private readonly workflows: WorkflowRegistry,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(appConfig.KEY) private readonly cfg: ConfigType<typeof appConfig>,
  ) {}

  // ---- staff --------------------------------------------------------------------------

  /** A verifier or officer attaches a document (berkas) to a case they may work on. */
  async upload(auth: AuthContext, caseId: string, requirementKey: string, file: IncomingFile | undefined): Promise<CaseDocumentView> {
    const inspected = await this.inspect(file, 'file');
    const actor = staffActor(auth);
    const row = await this.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const c = await this.lockCase(m, caseId);
        if (!c || !auth.ability.can('read', this.cases.subjectOf(c))) throw AppError.notFound('Case');
        if (!auth.ability.can('act', this.cases.subjectOf(c))) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
        await this.ensureOperational(m, c, 'UPLOAD_DOCUMENT', actor);
        return this.attach(m, c, { requirementKey, field: 'requirementKey', file: inspected, actor, publicEvent: false, store });
      }),
    );
    return toView(row);
  }

  /**
   * Streams a stored document to staff whose role needs the personal data in it (KTP, KK
   * scans carry NIKs): others who can read the case get 403, everyone else 404.
   */
  async content(auth: AuthContext, caseId: string, documentId: string): Promise<StreamableFile> {
    await this.cases.ensureReadable(auth, caseId, 'readPersonalData');
    const [doc] = (await this.db.query(`SELECT * FROM case_documents WHERE id = $1 AND case_id = $2`, [
      documentId,
      caseId,
    ])) as DocumentRow[];
    if (!doc) throw AppError.notFound('Document');
    const stream = await this.storage.get(doc.storage_key).catch(() => {
      throw new AppError('NOT_FOUND', 'The stored file of this document is missing; ask the applicant to upload it again');
    });
    // Documents carry personal data (KTP, KK): every staff read is logged like a case read (UU 27/2022).
    await this.db.query(`INSERT INTO personal_data_access_log (user_id, case_id, action) VALUES ($1, $2, 'read_document')`, [
      auth.user.id,
      caseId,
    ]);
    return new StreamableFile(stream, { type: doc.content_type, length: doc.size, disposition: contentDisposition(doc.file_name) });
  }

  /** Sesuai / Tidak Sesuai: one internal CHECK_DOCUMENT event; returns the refreshed case. */
  async check(auth: AuthContext, caseId: string, documentId: string, dto: CheckDocumentDto): Promise<CaseDetail> {
    const note = dto.note?.trim() || null;
    if (dto.status === 'invalid' && !note) throw AppError.field('FIELD_REQUIRED', 'note', 'is required when a document is marked invalid');
    const actor = staffActor(auth);
    await this.db.transaction(async (m) => {
      const c = await this.lockCase(m, caseId);
      if (!c || !auth.ability.can('read', this.cases.subjectOf(c))) throw AppError.notFound('Case');
      const [doc] = (await m.query(`SELECT * FROM case_documents WHERE id = $1 AND case_id = $2 FOR UPDATE`, [
        documentId,
        caseId,
      ])) as DocumentRow[];
      if (!doc) throw AppError.notFound('Document');
      if (!auth.ability.can('checkDocument', this.cases.subjectOf(c)))
        throw new AppError('FORBIDDEN', 'You may not check documents of this case');
      await this.ensureOperational(m, c, 'CHECK_DOCUMENT', actor);
      if (doc.superseded_at)
        throw new AppError('DOCUMENT_SUPERSEDED', 'A newer file has been uploaded for this requirement; check that one', {
          current: { state: c.state, version: c.version },
        });
      const now = new Date();
      await m.query(`UPDATE case_documents SET status = $2, note = $3, checked_by_id = $4, checked_at = $5 WHERE id = $1`, [
        doc.id,
        dto.status,
        note,
        auth.user.id,
        now,
      ]);
      const payload = { documentId: doc.id, requirementKey: doc.requirement_key, status: dto.status };
      await this.cases.log(
        m,
        c,
        {
          type: 'CHECK_DOCUMENT',
          fromState: c.state,
          toState: c.state,
          actor,
          actorRole: roleOf(actor, ['verifier']),
          comment: note,
          reason: null,
          public: false,
          payload,
          now,
        },
        { topic: 'case.check_document', payload: { ...payload, opdId: c.opd_id } },
      );
    });
    return this.cases.detail(auth, caseId, { logAccess: false });
  }

  // ---- shared with the public portal ---------------------------------------------------

  /** Every check on an uploaded file that needs no database: presence, size, type by content. */
  async inspect(file: IncomingFile | undefined, field: string): Promise<InspectedFile> {
    if (!file) throw AppError.field('FIELD_INVALID', field, 'is required (a PDF, JPEG, PNG or WebP file)');
    return inspectFile(file, field, this.cfg.uploadMaxBytes);
  }

  async lockCase(m: EntityManager, caseId: string): Promise<LockedCaseRow | undefined> {
    const [c] = (await m.query(LOCK_CASE, [caseId])) as LockedCaseRow[];
    return c;
  }

  /**
   * Runs `work` with a `store` function; if `work` fails (including the commit of a transaction
   * it wraps), every file stored through it is deleted again, so no orphan bytes stay behind.
   */
  async withStoredFiles<T>(work: (store: StoreFile) => Promise<T>): Promise<T> {
    const stored: string[] = [];
    const store: StoreFile = async (bytes) => {
      const key = randomUUID();
      stored.push(key);
      await this.storage.put(key, bytes);
      return key;
    };
    try {
      return await work(store);
    } catch (e) {
      await Promise.all(stored.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw e;
    }
  }

  /**
   * Under the case row lock: store the file, supersede the previous upload for the requirement,
   * insert the row (pending), bump the version, log UPLOAD_DOCUMENT and write the outbox.
   */
  async attach(
    m: EntityManager,
    c: LockedCaseRow,
    a: { requirementKey: string; field: string; file: InspectedFile; actor: Actor; publicEvent: boolean; store: StoreFile },
  ): Promise<DocumentRow> {
    const service = await this.services.standardOf(c.service_id, c.service_version, m);
    const requirement = service.requirements.find((r) => r.key === a.requirementKey && r.kind === 'document');
    if (!requirement) {
      const keys = service.requirements.filter((r) => r.kind === 'document').map((r) => r.key);
      throw AppError.field('FIELD_INVALID', a.field, `must be one of the service's document requirements: ${keys.join(', ')}`);
    }
    const now = new Date();
    const storageKey = await a.store(a.file.bytes);
    await m.query(`UPDATE case_documents SET superseded_at = $3 WHERE case_id = $1 AND requirement_key = $2 AND superseded_at IS NULL`, [
      c.id,
      a.requirementKey,
      now,
    ]);
    const [row] = (await m.query(
      `INSERT INTO case_documents (case_id, requirement_key, file_name, storage_key, content_type, size, sha256, uploaded_by_id, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
      [
        c.id,
        a.requirementKey,
        a.file.fileName,
        storageKey,
        a.file.contentType,
        a.file.size,
        a.file.sha256,
        a.actor.auth ? a.actor.id : null,
        now,
      ],
    )) as DocumentRow[];
    const payload = {
      documentId: row.id,
      requirementKey: a.requirementKey,
      fileName: row.file_name,
      contentType: row.content_type,
      size: row.size,
      sha256: row.sha256,
    };
    await this.cases.log(
      m,
      c,
      {
        type: 'UPLOAD_DOCUMENT',
        fromState: c.state,
        toState: c.state,
        actor: a.actor,
        actorRole: roleOf(a.actor, ['officer', 'verifier', 'applicant']),
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

  /** Inserts the documents of a brand-new online application (part of its SUBMIT). */
  async insertInitial(
    m: EntityManager,
    caseId: string,
    docs: { requirementKey: string; file: InspectedFile; storageKey: string }[],
  ): Promise<void> {
    for (const d of docs) {
      await m.query(
        `INSERT INTO case_documents (case_id, requirement_key, file_name, storage_key, content_type, size, sha256) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [caseId, d.requirementKey, d.file.fileName, d.storageKey, d.file.contentType, d.file.size, d.file.sha256],
      );
    }
  }

  /** UPLOAD_DOCUMENT / CHECK_DOCUMENT must be open to this actor in the case's state (libs/workflow). */
  private async ensureOperational(m: EntityManager, c: LockedCaseRow, type: OperationalActionType, actor: Actor): Promise<void> {
    const def: WorkflowDefinition = await this.workflows.get(c.workflow_key, c.workflow_version, m);
    const facts = await this.cases.factsFor(m, c);
    const d = decideOperational(def, c.state, facts, {
      type,
      actor: { id: actor.id ?? 'applicant', roles: actor.roles, opdId: actor.opdId },
    });
    if (d.ok) return;
    if (d.code === 'NOT_ACCEPTED' || d.code === 'UNKNOWN_STATE') {
      throw new AppError('EVENT_NOT_ALLOWED', `${type} is not possible while the case is "${stateLabel(def, c.state, 'en')}"`, {
        current: { state: c.state, version: c.version },
      });
    }
    throw new AppError(
      'FORBIDDEN',
      `Your role may not ${type === 'UPLOAD_DOCUMENT' ? 'upload documents to' : 'check documents of'} this case`,
    );
  }
}

function roleOf(actor: Actor, allowed: ActorRole[]): ActorRole | undefined {
  return actor.roles.find((r) => allowed.includes(r));
}

export function toView(d: DocumentRow): CaseDocumentView {
  return {
    id: d.id,
    requirementKey: d.requirement_key,
    fileName: d.file_name,
    contentType: d.content_type,
    size: d.size,
    sha256: d.sha256,
    status: d.status,
    note: d.note,
    uploadedAt: d.created_at.toISOString(),
  };
}
