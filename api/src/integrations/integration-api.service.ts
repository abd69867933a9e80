import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { caseSubject } from '@layanan/authz';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import type { ListQuery } from '../common/http/list-query';
import { CaseIntakeService } from '../cases/case-intake.service';
import { CaseReadsService } from '../cases/case-reads.service';
import { CaseRepository } from '../cases/case.repository';
import { CreateCaseDto } from '../cases/dto/case.dto';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../files/document-storage';
import { StoredFilesService } from '../files/stored-files.service';
import type { IncomingFile } from '../files/file-inspection';

/**
 * The integration API for other agencies' systems. Every call runs with the key's scoped
 * ability, so lists are filtered in SQL exactly like a staff user's; personal data stays
 * masked; document downloads are logged per key (UU 27/2022).
 */
@Injectable()
export class IntegrationApiService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly cases: CaseReadsService,
    private readonly intake: CaseIntakeService,
    private readonly files: StoredFilesService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  list(auth: AuthContext, q: ListQuery, cursor?: string) {
    return this.cases.list(auth, { ...q, filter: { ...q.filter, queue: 'all' }, cursor });
  }

  detail(auth: AuthContext, id: string) {
    return this.cases.detail(auth, id, { logAccess: false });
  }

  async create(auth: AuthContext, body: Record<string, unknown>, uploads: IncomingFile[] | undefined) {
    const raw = uploads === undefined ? body : parseJson(body.data);
    const valid = await this.intake.validate(raw, uploads ?? [], CreateCaseDto, (service) => {
      if (
        !auth.ability.can(
          'create',
          caseSubject({ opdId: service.opdId, assigneeId: null, handledOpdIds: [service.opdId], consultOpdIds: [], isOpen: true }),
        )
      )
        throw new AppError('FORBIDDEN', "The API key may create cases only for its own OPD's services");
    });
    const name = auth.apiKey ? `Integrasi: ${auth.apiKey.name}` : auth.user.fullName;
    // No staff account stands behind a key: the log names the key, and no user id is recorded.
    const actor = { id: null, name, roles: ['system' as const], opdId: auth.user.opdId, auth: null };
    const created = await this.files.withStoredFiles((store) =>
      this.db.transaction((m) => this.intake.register(m, valid, actor, 'online', store)),
    );
    return this.cases.detail(auth, created.id, { logAccess: false });
  }

  async document(auth: AuthContext, caseId: string, documentId: string): Promise<StreamableFile> {
    await this.cases.ensureReadable(auth, caseId, 'readDocument');
    const doc = await this.repo.document(this.db, caseId, documentId);
    if (!doc) throw AppError.notFound('Document');
    const stream = await this.storage.get(doc.storage_key).catch(() => {
      throw new AppError('NOT_FOUND', 'The stored file of this document is missing');
    });
    if (auth.apiKey)
      await this.db.query(`INSERT INTO integration_access_log (api_key_id, case_id, action) VALUES ($1, $2, 'read_document')`, [
        auth.apiKey.id,
        caseId,
      ]);
    return new StreamableFile(stream, { type: doc.content_type, length: doc.size, disposition: `attachment; filename="document"` });
  }
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') throw AppError.field('FIELD_INVALID', 'data', 'must be the application as JSON (multipart field "data")');
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
  }
}
