import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppAbility } from '@layanan/authz';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString, ListQuery } from '../common/http/list-query';
import { CreateServiceDto, ServiceStandardDto, ServiceView, UpdateServiceDto } from './dto/service.dto';

export const SERVICE_SORTABLE = ['name', 'code', 'slaAmount'] as const;

interface ServiceSqlRow {
  id: string;
  code: string;
  opd_id: string;
  opd_name: string;
  version: number;
  active: boolean;
  auto_assign: boolean;
  name: string;
  description: string;
  requirements: ServiceView['requirements'];
  form_fields: ServiceView['formFields'];
  procedure: string;
  sla_amount: number;
  sla_unit: 'days' | 'hours';
  fee_amount: number;
  fee_note: string | null;
  product: string;
  complaint_channel: string;
  legal_basis: string;
  workflow_key: string;
  workflow_version: number;
}

const SELECT = `
  SELECT s.id, s.code, s.opd_id, o.short_name AS opd_name, v.version, s.active, s.auto_assign, v.name, v.description, v.requirements, v.form_fields,
         v.procedure, v.sla_amount, v.sla_unit, v.fee_amount, v.fee_note, v.product, v.complaint_channel, v.legal_basis,
         v.workflow_key, v.workflow_version
    FROM services s JOIN opds o ON o.id = s.opd_id`;

/** The immutable part of a service version: what a case filed under it must satisfy. */
export interface VersionStandard {
  name: string;
  requirements: ServiceView['requirements'];
  formFields: ServiceView['formFields'];
}

@Injectable()
export class ServicesService {
  // Service versions never change once written, so their standards are cached for good.
  private readonly standards = new Map<string, VersionStandard>();

  constructor(private readonly db: DataSource) {}

  async standardOf(serviceId: string, version: number, m: EntityManager = this.db.manager): Promise<VersionStandard> {
    const key = `${serviceId}@${version}`;
    const hit = this.standards.get(key);
    if (hit) return hit;
    const [row] = await m.query<
      { name: string; requirements: VersionStandard['requirements']; form_fields: VersionStandard['formFields'] }[]
    >(`SELECT name, requirements, form_fields FROM service_versions WHERE service_id = $1 AND version = $2`, [serviceId, version]);
    if (!row) throw AppError.notFound('Service version');
    const standard = { name: row.name, requirements: row.requirements, formFields: row.form_fields };
    this.standards.set(key, standard);
    return standard;
  }

  /**
   * `filter.scope = 'reports'` (the reports' service picker) keeps the services of the OPDs whose
   * figures the caller may read (`readReport` over `s.opd_id`, in SQL): a kasi's or kadis's own
   * OPD (and an acting post's), every service for leadership, none for anyone else.
   */
  async list(q: ListQuery, opts: { activeOnly?: boolean; ability?: AppAbility } = {}): Promise<{ rows: ServiceView[]; total: number }> {
    const where: string[] = [];
    const args = new SqlArgs();
    const params = args.values;
    const scope = filterString(q.filter, 'scope');
    if (scope !== undefined) {
      if (scope !== 'reports' || !opts.ability) throw AppError.field('FIELD_INVALID', 'filter.scope', 'must be reports');
      where.push(abilityToSql(opts.ability, 'readReport', 'Report', { opdId: { column: 's.opd_id', kind: 'scalar' } }, args));
    }
    const ids = filterIds(q.filter);
    if (ids) where.push(`s.id = ANY($${params.push(ids)})`);
    const opdIds = filterIds(q.filter, 'opdId');
    if (opdIds) where.push(`s.opd_id = ANY($${params.push(opdIds)})`);
    const search = filterString(q.filter, 'q');
    if (search)
      where.push(
        `(v.name ILIKE $${params.push(`%${search.replace(/[%_\\]/g, '\\$&')}%`)} OR o.short_name ILIKE $${params.length} OR v.description ILIKE $${params.length})`,
      );
    if (opts.activeOnly) where.push('s.active');
    const sortCol = { id: 's.id', name: 'v.name', code: 's.code', slaAmount: 'v.sla_amount' }[q.sort?.field ?? 'name'] ?? 'v.name';
    const base = `${SELECT} JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const rows = await this.db.query<ServiceSqlRow[]>(
      `${base} ORDER BY ${sortCol} ${q.sort?.order ?? 'ASC'}, s.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${base}) t`, params);
    return { rows: rows.map(toView), total: n };
  }

  /** The current version, or a given one (cases are pinned to the version they were filed under). */
  async get(id: string, version?: number, m: EntityManager = this.db.manager): Promise<ServiceView> {
    const rows = await m.query<ServiceSqlRow[]>(
      `${SELECT} JOIN service_versions v ON v.service_id = s.id AND v.version = COALESCE($2, s.current_version) WHERE s.id = $1`,
      [id, version ?? null],
    );
    if (!rows[0]) throw AppError.notFound('Service');
    return toView(rows[0]);
  }

  async create(dto: CreateServiceDto, actorId: string): Promise<ServiceView> {
    return this.db.transaction(async (m) => {
      await this.checkRefs(m, dto, dto.opdId);
      const [dup] = await m.query<unknown[]>(`SELECT 1 FROM services WHERE code = $1`, [dto.code]);
      if (dup) throw AppError.field('DUPLICATE', 'code', 'is already taken');
      const [row] = await m.query<
        {
          id: string;
        }[]
      >(`INSERT INTO services (code, opd_id, auto_assign) VALUES ($1, $2, $3) RETURNING id`, [
        dto.code,
        dto.opdId,
        dto.autoAssign ?? false,
      ]);
      await this.insertVersion(m, row.id, 1, dto, actorId);
      return this.get(row.id, undefined, m);
    });
  }

  async update(id: string, dto: UpdateServiceDto, actorId: string): Promise<ServiceView> {
    return this.db.transaction(async (m) => {
      const [svc] = await m.query<
        {
          id: string;
          opd_id: string;
          current_version: number;
        }[]
      >(`SELECT id, opd_id, current_version FROM services WHERE id = $1 FOR UPDATE`, [id]);
      if (!svc) throw AppError.notFound('Service');
      await this.checkRefs(m, dto, svc.opd_id);
      const next = svc.current_version + 1;
      await this.insertVersion(m, id, next, dto, actorId);
      await m.query(
        `UPDATE services SET current_version = $2, active = COALESCE($3, active), auto_assign = COALESCE($4, auto_assign), updated_at = now()
          WHERE id = $1`,
        [id, next, dto.active ?? null, dto.autoAssign ?? null],
      );
      return this.get(id, undefined, m);
    });
  }

  /**
   * Deactivation (or reactivation) without a new version: an inactive service leaves the public
   * catalog and takes no new applications; running cases keep their pinned version and continue.
   */
  async setActive(id: string, active: boolean): Promise<ServiceView> {
    const rows = await this.db.query<[unknown[], number]>(
      `UPDATE services SET active = $2, updated_at = now() WHERE id = $1 RETURNING id`,
      [id, active],
    );
    if (!rows[1]) throw AppError.notFound('Service');
    return this.get(id);
  }

  /** Services are never deleted (cases and their letters refer to them): the answer says what to do instead. */
  async remove(id: string): Promise<never> {
    await this.get(id);
    throw new AppError(
      'DEACTIVATE_INSTEAD',
      'A service is not deleted (its cases refer to it); deactivate it with PATCH {"active": false}',
    );
  }

  private async checkRefs(m: EntityManager, dto: ServiceStandardDto, opdId: string): Promise<void> {
    const [opd] = await m.query<unknown[]>(`SELECT 1 FROM opds WHERE id = $1`, [opdId]);
    if (!opd) throw AppError.field('REFERENCE_INVALID', 'opdId', 'does not exist');
    const [wf] = await m.query<unknown[]>(`SELECT 1 FROM workflow_definitions WHERE key = $1 AND version = $2`, [
      dto.workflowKey,
      dto.workflowVersion,
    ]);
    if (!wf) throw AppError.field('REFERENCE_INVALID', 'workflowKey', `workflow ${dto.workflowKey} v${dto.workflowVersion} does not exist`);
    const keys = dto.requirements.map((r) => r.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) throw AppError.field('FIELD_INVALID', 'requirements', `key "${dup}" is used twice`);
  }

  private async insertVersion(
    m: EntityManager,
    serviceId: string,
    version: number,
    dto: ServiceStandardDto,
    actorId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO service_versions (service_id, version, name, description, requirements, form_fields, procedure, sla_amount, sla_unit,
         fee_amount, fee_note, product, complaint_channel, legal_basis, workflow_key, workflow_version, created_by_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [
        serviceId,
        version,
        dto.name,
        dto.description ?? '',
        JSON.stringify(dto.requirements),
        JSON.stringify(dto.formFields ?? []),
        dto.procedure ?? '',
        dto.slaAmount,
        dto.slaUnit,
        dto.feeAmount,
        dto.feeNote ?? null,
        dto.product ?? '',
        dto.complaintChannel ?? '',
        dto.legalBasis ?? '',
        dto.workflowKey,
        dto.workflowVersion,
        actorId,
      ],
    );
  }
}

function toView(r: ServiceSqlRow): ServiceView {
  return {
    id: r.id,
    code: r.code,
    opdId: r.opd_id,
    opdName: r.opd_name,
    version: r.version,
    active: r.active,
    autoAssign: r.auto_assign,
    name: r.name,
    description: r.description,
    requirements: r.requirements,
    formFields: r.form_fields,
    procedure: r.procedure,
    slaAmount: r.sla_amount,
    slaUnit: r.sla_unit,
    feeAmount: r.fee_amount,
    feeNote: r.fee_note,
    product: r.product,
    complaintChannel: r.complaint_channel,
    legalBasis: r.legal_basis,
    workflowKey: r.workflow_key,
    workflowVersion: r.workflow_version,
  };
}
