import { Injectable } from '@nestjs/common';
import type { WorkflowDefinition } from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';

/** Workflow definitions by key@version. They never change once stored, so caching is safe. */
@Injectable()
export class WorkflowRegistry {
  private readonly cache = new Map<string, WorkflowDefinition>();

  constructor(private readonly db: DataSource) {}

  async get(key: string, version: number, m: EntityManager = this.db.manager): Promise<WorkflowDefinition> {
    const id = `${key}@${version}`;
    const hit = this.cache.get(id);
    if (hit) return hit;
    const [row] = await m.query<
      {
        definition: WorkflowDefinition;
      }[]
    >(`SELECT definition FROM workflow_definitions WHERE key = $1 AND version = $2`, [key, version]);
    if (!row) throw AppError.notFound(`Workflow ${id}`);
    this.cache.set(id, row.definition);
    return row.definition;
  }
}
