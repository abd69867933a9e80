import type { WorkflowChange } from './workflow-diff';
import type { WorkflowProblem } from './validate-workflow-definition';
import type { LocalizedText, WorkflowDefinition, WorkflowLayout } from './workflow-types';

/** A published, immutable workflow version (GET /api/workflows). */
export interface WorkflowVersionView {
  id: string;
  key: string;
  version: number;
  /** Indonesian name, as stored. */
  name: string;
  /** The definition's name in both languages: what people see instead of "standard v1". */
  label: LocalizedText;
  definition: WorkflowDefinition;
  layout: WorkflowLayout;
  publishedAt: string;
}

/** A workflow being edited (GET /api/workflow-drafts): any JSON, checked on every read. */
export interface WorkflowDraftView {
  id: string;
  key: string;
  /** The version it was copied from; null for a new workflow. */
  baseVersion: number | null;
  definition: WorkflowDefinition;
  layout: WorkflowLayout;
  /** Increases on every save; a save or publish must name the revision it started from. */
  revision: number;
  updatedAt: string;
  problems: WorkflowProblem[];
}

export interface WorkflowDiffView {
  from: { id: string; key: string; version: number };
  to: { id: string; key: string; version: number };
  changes: WorkflowChange[];
}
