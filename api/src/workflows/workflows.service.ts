import { Injectable } from '@nestjs/common';
import {
  diffWorkflows,
  validateWorkflowDefinition,
  type WorkflowDefinition,
  type WorkflowLayout,
  type WorkflowProblem,
} from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString, ListQuery } from '../common/http/list-query';
import { WorkflowDiffResponse, WorkflowView } from './dto/workflow.dto';

interface Row {
  id: string;
  key: string;
  version: number;
  name: string;
  definition: WorkflowDefinition;
  layout: WorkflowLayout;
  created_at: Date;
}

const COLUMNS = 'id, key, version, name, definition, layout, created_at';

/** A refused definition as a 422 listing each problem with the state and event it concerns. */
export function workflowInvalid(problems: WorkflowProblem[]): AppError {
  return new AppError('WORKFLOW_INVALID', problems.map((p) => p.message).join('; '), {
    details: problems.map((p) => ({
      field: `definition${p.path ? `.${p.path}` : ''}`,
      message: p.message,
      problem: p.code,
      ...(p.state !== undefined ? { state: p.state } : {}),
      ...(p.event !== undefined ? { event: p.event } : {}),
    })),
  });
}

/** Published workflow versions: read, diff, and the raw JSON import (a version never changes once stored). */
@Injectable()
export class WorkflowsService {
  constructor(private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<{ rows: WorkflowView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const ids = filterIds(q.filter);
    if (ids) where.push(`id = ANY($${params.push(ids)})`);
    const key = filterString(q.filter, 'key');
    if (key) where.push(`key = $${params.push(key)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM workflow_definitions ${clause} ORDER BY ${q.sort?.field === 'id' ? `id ${q.sort.order}` : `key ${q.sort?.order ?? 'ASC'}, version`} LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    )) as Row[];
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM workflow_definitions ${clause}`, params)) as { n: number }[];
    return { rows: rows.map(toView), total: n };
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<WorkflowView> {
    const [row] = (await m.query(`SELECT ${COLUMNS} FROM workflow_definitions WHERE id = $1`, [id])) as Row[];
    if (!row) throw AppError.notFound('Workflow');
    return toView(row);
  }

  /** The highest published version of a key, if any. */
  async latest(key: string, m: EntityManager = this.db.manager): Promise<WorkflowView | null> {
    const [row] = (await m.query(`SELECT ${COLUMNS} FROM workflow_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`, [
      key,
    ])) as Row[];
    return row ? toView(row) : null;
  }

  async diff(fromId: string, toId: string): Promise<WorkflowDiffResponse> {
    const [from, to] = await Promise.all([this.get(fromId), this.get(toId)]);
    return {
      from: { id: from.id, key: from.key, version: from.version },
      to: { id: to.id, key: to.key, version: to.version },
      changes: diffWorkflows(from.definition, to.definition),
    };
  }

  /** Stores a new version from raw JSON after checking it (the designer's drafts publish through `insert` too). */
  async create(raw: Record<string, unknown>): Promise<WorkflowView> {
    const problems = validateWorkflowDefinition(raw);
    if (problems.length) throw workflowInvalid(problems);
    const def = raw as unknown as WorkflowDefinition;
    if (!Number.isInteger(def.version)) throw AppError.field('FIELD_INVALID', 'definition.version', 'must be a positive integer');
    return this.db.transaction((m) => this.insert(m, def, { positions: {} }, null));
  }

  /** Inserts a checked definition as its version; the caller holds the transaction. */
  async insert(m: EntityManager, def: WorkflowDefinition, layout: WorkflowLayout, publishedById: string | null): Promise<WorkflowView> {
    const [row] = (await m.query(
      `INSERT INTO workflow_definitions (key, version, name, definition, layout, published_by_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key, version) DO NOTHING RETURNING id`,
      [def.key, def.version, def.name.id, JSON.stringify(def), JSON.stringify(layout), publishedById],
    )) as { id: string }[];
    if (!row)
      throw AppError.field(
        'DUPLICATE',
        'definition.version',
        `${def.key} v${def.version} already exists; workflows are immutable, add a new version`,
      );
    return this.get(row.id, m);
  }
}

function toView(r: Row): WorkflowView {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    name: r.name,
    label: r.definition.name,
    definition: r.definition,
    layout: r.layout,
    publishedAt: r.created_at.toISOString(),
  };
}
