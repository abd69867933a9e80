import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { caseSubject } from '@layanan/authz';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import type { ListQuery } from '../common/http/list-query';
import { CasesService } from '../cases/cases.service';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../documents/document-storage';
import type { IntegrationCaseDto } from './dto/integration.dto';

/**
 * The integration API for other agencies' systems. Every call runs with the key's scoped
 * ability, so lists are filtered in SQL exactly like a staff user's; personal data stays
 * masked; document downloads are logged per key (UU 27/2022).
 */
@Injectable()
export class IntegrationApiService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  list(auth: AuthContext, q: ListQuery, cursor?: string) {
    return this.cases.list(auth, { ...q, filter: { ...q.filter, queue: 'all' }, cursor });
  }

  detail(auth: AuthContext, id: string) {
    return this.cases.detail(auth, id, { logAccess: false });
  }

  async create(auth: AuthContext, dto: IntegrationCaseDto) {
    const [service] = (await this.db.query(`SELECT opd_id FROM services WHERE id = $1`, [dto.serviceId])) as { opd_id: string }[];
    if (!service) throw AppError.field('REFERENCE_INVALID', 'serviceId', 'does not exist');
    if (
      !auth.ability.can('create', caseSubject({ opdId: service.opd_id, assigneeId: null, handledOpdIds: [service.opd_id], isOpen: true }))
    )
      throw new AppError('FORBIDDEN', "The API key may create cases only for its own OPD's services");
    const name = auth.apiKey ? `Integrasi: ${auth.apiKey.name}` : auth.user.fullName;
    const created = await this.db.transaction((m) =>
      this.cases.createCase(
        { serviceId: dto.serviceId, applicant: dto.applicant, formData: dto.formData ?? {}, channel: 'online' },
        // No staff account stands behind a key: the log names the key, and no user id is recorded.
        { id: null, name, roles: ['system'], opdId: auth.user.opdId, auth: null },
        m,
      ),
    );
    return this.cases.detail(auth, created.id, { logAccess: false });
  }

  async document(auth: AuthContext, caseId: string, documentId: string): Promise<StreamableFile> {
    await this.cases.ensureReadable(auth, caseId, 'readDocument');
    const [doc] = (await this.db.query(
      `SELECT storage_key, content_type, size, file_name FROM case_documents WHERE id = $1 AND case_id = $2`,
      [documentId, caseId],
    )) as { storage_key: string; content_type: string; size: number; file_name: string }[];
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
