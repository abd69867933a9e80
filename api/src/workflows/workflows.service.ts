import { Injectable } from '@nestjs/common';
import { validateWorkflowDefinition, type WorkflowDefinition } from '@layanan/workflow';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterIds, ListQuery } from '../common/http/list-query';
import { WorkflowView } from './dto/workflow.dto';

interface Row {
  id: string;
  key: string;
  version: number;
  name: string;
  definition: WorkflowDefinition;
}

@Injectable()
export class WorkflowsService {
  constructor(private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<{ rows: WorkflowView[]; total: number }> {
    const ids = filterIds(q.filter);
    const rows = (await this.db.query(
      `SELECT id, key, version, name, definition FROM workflow_definitions ${ids ? 'WHERE id = ANY($1)' : ''} ORDER BY ${q.sort?.field === 'id' ? `id ${q.sort.order}` : `key ${q.sort?.order ?? 'ASC'}, version`} LIMIT ${q.limit} OFFSET ${q.offset}`,
      ids ? [ids] : [],
    )) as Row[];
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM workflow_definitions`)) as { n: number }[];
    return { rows: rows.map(toView), total: n };
  }

  async get(id: string): Promise<WorkflowView> {
    const [row] = (await this.db.query(`SELECT id, key, version, name, definition FROM workflow_definitions WHERE id = $1`, [id])) as Row[];
    if (!row) throw AppError.notFound('Workflow');
    return toView(row);
  }

  /** Stores a new definition version after checking it (unknown targets, guards, unreachable states...). */
  async create(raw: Record<string, unknown>): Promise<WorkflowView> {
    const def = raw as unknown as WorkflowDefinition;
    if (typeof def.key !== 'string' || !Number.isInteger(def.version) || typeof def.states !== 'object' || !def.name) {
      throw AppError.field('FIELD_INVALID', 'definition', 'must have key, version, name, initial and states');
    }
    const problems = validateWorkflowDefinition(def);
    if (problems.length) {
      throw AppError.validation(problems.map((p) => ({ field: `definition${p.path ? `.${p.path}` : ''}`, message: p.message })));
    }
    const [row] = (await this.db.query(
      `INSERT INTO workflow_definitions (key, version, name, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (key, version) DO NOTHING RETURNING id`,
      [def.key, def.version, def.name.id, JSON.stringify(def)],
    )) as { id: string }[];
    if (!row)
      throw AppError.field(
        'DUPLICATE',
        'definition.version',
        `${def.key} v${def.version} already exists; workflows are immutable, add a new version`,
      );
    return this.get(row.id);
  }
}

function toView(r: Row): WorkflowView {
  return { id: r.id, key: r.key, version: r.version, name: r.name, definition: r.definition as unknown as Record<string, unknown> };
}
