import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { complaintSubject } from '@layanan/authz';
import {
  COMPLAINT_STATES,
  COMPLAINT_TRANSITIONS,
  type ComplaintDetail,
  type ComplaintState,
  type ComplaintSummary,
} from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { filterString, type ListQuery } from '../common/http/list-query';
import { StoredFilesService } from '../files/stored-files.service';
import { toDetail, toSummary } from './complaint-view';
import type { ComplaintActionDto } from './dto/complaint.dto';
import { COMPLAINT_SORT, ComplaintsRepository, type ComplaintRow } from './complaints.repository';
import { COMPLAINT_BRIDGE, type ComplaintBridge } from './lapor/complaint-bridge';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The complaint officer's side: lists filtered by the caller's rules in SQL, one complaint, its steps. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly files: StoredFilesService,
    @Inject(COMPLAINT_BRIDGE) private readonly bridge: ComplaintBridge,
  ) {}

  async list(auth: AuthContext, q: ListQuery): Promise<{ rows: ComplaintSummary[]; total: number }> {
    const state = filterString(q.filter, 'state');
    if (state !== undefined && !(COMPLAINT_STATES as readonly string[]).includes(state))
      throw AppError.field('FIELD_INVALID', 'filter.state', `must be one of ${COMPLAINT_STATES.join(', ')}`);
    const ids = {
      opdId: filterString(q.filter, 'opdId'),
      serviceId: filterString(q.filter, 'serviceId'),
      caseId: filterString(q.filter, 'caseId'),
    };
    for (const [key, value] of Object.entries(ids))
      if (value !== undefined && !UUID.test(value)) throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a UUID');
    const args = new SqlArgs();
    const scope = abilityToSql(auth.ability, 'read', 'Complaint', { opdId: { column: 'c.opd_id', kind: 'scalar' } }, args);
    const sort = q.sort ?? { field: 'receivedAt', order: 'DESC' as const };
    const column = COMPLAINT_SORT[sort.field as keyof typeof COMPLAINT_SORT];
    const { rows, total } = await this.repo.list(
      args,
      scope,
      { state, ...ids, q: filterString(q.filter, 'q') },
      { column, order: sort.order },
      q.offset,
      q.limit,
    );
    const now = new Date();
    return { rows: rows.map((r) => toSummary(r, now)), total };
  }

  async detail(auth: AuthContext, id: string): Promise<ComplaintDetail> {
    const row = await this.readable(auth, id);
    return this.view(auth, row);
  }

  async act(auth: AuthContext, id: string, dto: ComplaintActionDto): Promise<ComplaintDetail> {
    const row = await this.readable(auth, id);
    if (!auth.ability.can('act', complaintSubject({ opdId: row.opd_id })))
      throw new AppError('FORBIDDEN', 'Only the OPD’s complaint officer handles its complaints');
    const step = COMPLAINT_TRANSITIONS[dto.type];
    if (!step.from.includes(row.state)) throw stateInvalid(row, `${dto.type} is not possible while the complaint is ${row.state}`);
    if (row.version !== dto.version) throw stateInvalid(row, 'The complaint changed since it was loaded; reload it');
    const answer = dto.answer?.trim();
    if (dto.type === 'ANSWER' && !answer) throw AppError.field('FIELD_REQUIRED', 'answer', 'is required to answer the complaint');
    const moved = await this.repo.transition(
      id,
      dto.version,
      step.from,
      step.to,
      dto.type === 'ANSWER' && answer ? { text: answer, by: auth.user.id } : null,
    );
    const now = await this.repo.byId(id);
    if (!now) throw AppError.notFound('Complaint');
    if (!moved) throw stateInvalid(now, 'The complaint changed since it was loaded; reload it');
    return this.view(auth, now);
  }

  async attachment(auth: AuthContext, id: string): Promise<StreamableFile> {
    const row = await this.readable(auth, id);
    if (!row.attachment_storage_key || !row.attachment_content_type) throw AppError.notFound('Attachment');
    const stream = await this.files.read(row.attachment_storage_key);
    return new StreamableFile(stream, {
      type: row.attachment_content_type,
      length: row.attachment_size ?? undefined,
      disposition: 'attachment; filename="lampiran"',
    });
  }

  /** The row if the caller may read it; otherwise the same 404 as a missing one. */
  async readable(auth: AuthContext, id: string): Promise<ComplaintRow> {
    const row = await this.repo.byId(id);
    if (!row || !auth.ability.can('read', complaintSubject({ opdId: row.opd_id }))) throw AppError.notFound('Complaint');
    return row;
  }

  view(auth: AuthContext, row: ComplaintRow): ComplaintDetail {
    const canAct = auth.ability.can('act', complaintSubject({ opdId: row.opd_id }));
    return toDetail(row, new Date(), { canAct, bridgeEnabled: this.bridge.enabled });
  }
}

function stateInvalid(row: { state: ComplaintState; version: number }, message: string): AppError {
  return new AppError('COMPLAINT_STATE_INVALID', message, { current: { state: row.state, version: row.version } });
}
