import { Injectable } from '@nestjs/common';
import { diffWorkflows, validateWorkflowDefinition, type WorkflowDefinition, type WorkflowLayout } from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterIds, ListQuery } from '../common/http/list-query';
import { CreateWorkflowDraftDto, LocalizedTextDto, PublishWorkflowDraftDto, SaveWorkflowDraftDto } from './dto/workflow-draft.dto';
import { WorkflowDraftResponse, WorkflowView } from './dto/workflow.dto';
import { workflowInvalid, WorkflowsService } from './workflows.service';

interface DraftRow {
  id: string;
  key: string;
  base_version: number | null;
  definition: WorkflowDefinition;
  layout: WorkflowLayout;
  revision: number;
  updated_at: Date;
}

const COLUMNS = 'id, key, base_version, definition, layout, revision, updated_at';
/** A draft larger than this is not a workflow anyone can read (the built-ins are ~6 kB). */
const MAX_DRAFT_BYTES = 256 * 1024;

/** What a new workflow starts from: one working state and one end, so the diagram is never empty. */
function blankDefinition(key: string, name: LocalizedTextDto): WorkflowDefinition {
  return {
    key,
    version: 1,
    name: { id: name.id, en: name.en },
    initial: 'submitted',
    states: {
      submitted: {
        label: { id: 'Diajukan', en: 'Submitted' },
        publicLabel: { id: 'Diajukan', en: 'Submitted' },
        clock: 'running',
        on: { COMPLETE: { target: 'completed', roles: ['verifier'] } },
      },
      completed: {
        label: { id: 'Selesai', en: 'Completed' },
        publicLabel: { id: 'Selesai', en: 'Completed' },
        clock: 'stopped',
        final: true,
      },
    },
  };
}

/**
 * Drafts of workflows in the designer: one per key, saved as any JSON (an edit in progress may
 * be invalid) with its node positions beside it; publishing checks it with the same
 * libs/workflow code the console runs and stores it as the key's next immutable version.
 */
@Injectable()
export class WorkflowDraftsService {
  constructor(
    private readonly db: DataSource,
    private readonly workflows: WorkflowsService,
  ) {}

  async list(q: ListQuery): Promise<{ rows: WorkflowDraftResponse[]; total: number }> {
    const ids = filterIds(q.filter);
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM workflow_drafts ${ids ? 'WHERE id = ANY($1)' : ''} ORDER BY key LIMIT ${q.limit} OFFSET ${q.offset}`,
      ids ? [ids] : [],
    )) as DraftRow[];
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM workflow_drafts ${ids ? 'WHERE id = ANY($1)' : ''}`,
      ids ? [ids] : [],
    )) as {
      n: number;
    }[];
    return { rows: rows.map(toView), total: n };
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<WorkflowDraftResponse> {
    return toView(await this.row(m, id, false));
  }

  async create(dto: CreateWorkflowDraftDto, actorId: string): Promise<WorkflowDraftResponse> {
    return this.db.transaction(async (m) => {
      let key: string;
      let baseVersion: number | null = null;
      let definition: WorkflowDefinition;
      let layout: WorkflowLayout = { positions: {} };
      if (dto.fromId) {
        const from = await this.workflows.get(dto.fromId, m);
        key = from.key;
        baseVersion = from.version;
        definition = from.definition;
        layout = from.layout;
      } else {
        if (!dto.key) throw AppError.field('FIELD_REQUIRED', 'key', 'give the key of a new workflow, or fromId to edit a published one');
        if (!dto.name) throw AppError.field('FIELD_REQUIRED', 'name', 'a new workflow needs a name in Indonesian and English');
        if (await this.workflows.latest(dto.key, m)) {
          throw AppError.field('DUPLICATE', 'key', `workflow ${dto.key} exists; start a draft from its latest version (fromId)`);
        }
        key = dto.key;
        definition = blankDefinition(dto.key, dto.name);
      }
      const [row] = (await m.query(
        `INSERT INTO workflow_drafts (key, base_version, definition, layout, created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [key, baseVersion, JSON.stringify(definition), JSON.stringify(layout), actorId],
      )) as { id: string }[];
      if (!row) throw AppError.field('DUPLICATE', 'key', `workflow ${key} already has a draft; edit or discard that one`);
      return this.get(row.id, m);
    });
  }

  async save(id: string, dto: SaveWorkflowDraftDto, actorId: string): Promise<WorkflowDraftResponse> {
    const definition = JSON.stringify(dto.definition);
    const layout = JSON.stringify(layoutOf(dto.layout));
    if (definition.length + layout.length > MAX_DRAFT_BYTES) throw AppError.field('FIELD_INVALID', 'definition', 'is too large');
    return this.db.transaction(async (m) => {
      const draft = await this.row(m, id, true);
      if (draft.revision !== dto.revision) throw stale(draft.revision);
      await m.query(
        `UPDATE workflow_drafts SET definition = $2, layout = $3, revision = revision + 1, updated_by_id = $4, updated_at = now() WHERE id = $1`,
        [id, definition, layout, actorId],
      );
      return this.get(id, m);
    });
  }

  async discard(id: string): Promise<WorkflowDraftResponse> {
    return this.db.transaction(async (m) => {
      const draft = toView(await this.row(m, id, true));
      await m.query(`DELETE FROM workflow_drafts WHERE id = $1`, [id]);
      return draft;
    });
  }

  /**
   * Checks the draft and stores it as the key's next version; the draft is gone afterwards.
   * The draft's row lock orders two publishes of one key. Cases and service versions keep the
   * version they point at: nothing that runs changes.
   */
  async publish(id: string, dto: PublishWorkflowDraftDto, actorId: string): Promise<WorkflowView> {
    return this.db.transaction(async (m) => {
      const draft = await this.row(m, id, true);
      if (draft.revision !== dto.revision) throw stale(draft.revision);
      const latest = await this.workflows.latest(draft.key, m);
      const def = { ...draft.definition, key: draft.key, version: (latest?.version ?? 0) + 1 };
      const problems = validateWorkflowDefinition(def);
      if (problems.length) throw workflowInvalid(problems);
      if (latest && diffWorkflows(latest.definition, def).length === 0) {
        throw AppError.field('RULE_VIOLATED', 'definition', `nothing changed since version ${latest.version}`);
      }
      const published = await this.workflows.insert(m, def, draft.layout, actorId);
      await m.query(`DELETE FROM workflow_drafts WHERE id = $1`, [id]);
      return published;
    });
  }

  private async row(m: EntityManager, id: string, lock: boolean): Promise<DraftRow> {
    const [row] = (await m.query(`SELECT ${COLUMNS} FROM workflow_drafts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as DraftRow[];
    if (!row) throw AppError.notFound('Workflow draft');
    return row;
  }
}

function stale(current: number): AppError {
  return new AppError('DRAFT_STALE', `The draft was saved by someone else (revision ${current}); reload it`);
}

/** Keeps only well-formed positions: { positions: { [state]: { x, y } } } with finite numbers. */
function layoutOf(raw: Record<string, unknown>): WorkflowLayout {
  const positions: WorkflowLayout['positions'] = {};
  const given = raw.positions;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw AppError.field('FIELD_INVALID', 'layout.positions', 'must be an object of { x, y } by state');
  }
  for (const [state, p] of Object.entries(given)) {
    const pos = p as { x?: unknown; y?: unknown } | null;
    if (typeof pos?.x !== 'number' || typeof pos.y !== 'number' || !Number.isFinite(pos.x) || !Number.isFinite(pos.y)) {
      throw AppError.field('FIELD_INVALID', `layout.positions.${state}`, 'must be { x, y } with numbers');
    }
    positions[state] = { x: pos.x, y: pos.y };
  }
  return { positions };
}

function toView(r: DraftRow): WorkflowDraftResponse {
  return {
    id: r.id,
    key: r.key,
    baseVersion: r.base_version,
    definition: r.definition,
    layout: r.layout,
    revision: r.revision,
    updatedAt: r.updated_at.toISOString(),
    problems: validateWorkflowDefinition(r.definition),
  };
}
