import { EntityManager } from 'typeorm';

/** Filled in with the case workflow (issue: workflow core). */
export async function seedDemoCases(_m: EntityManager, _opts: { count: number }): Promise<void> {
  return;
}
