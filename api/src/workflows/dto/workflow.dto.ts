import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type {
  WorkflowChange,
  WorkflowDefinition,
  WorkflowDiffView,
  WorkflowDraftView,
  WorkflowLayout,
  WorkflowProblem,
  WorkflowVersionView,
} from '@layanan/workflow';

export class CreateWorkflowDto {
  @ApiProperty({ description: 'A WorkflowDefinition (libs/workflow): key, version, name, initial, states' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class WorkflowView implements WorkflowVersionView {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', properties: { id: { type: 'string' }, en: { type: 'string' } } }) label: { id: string; en: string };
  @ApiProperty({ type: 'object', additionalProperties: true }) definition: WorkflowDefinition;
  @ApiProperty({ type: 'object', additionalProperties: true }) layout: WorkflowLayout;
  @ApiProperty() publishedAt: string;
}

export class WorkflowDraftResponse implements WorkflowDraftView {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: Number }) baseVersion: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) definition: WorkflowDefinition;
  @ApiProperty({ type: 'object', additionalProperties: true }) layout: WorkflowLayout;
  @ApiProperty() revision: number;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Every problem validateWorkflowDefinition finds, each naming its state and event', isArray: true })
  problems: WorkflowProblem[];
}

export class WorkflowDiffResponse implements WorkflowDiffView {
  @ApiProperty() from: { id: string; key: string; version: number };
  @ApiProperty() to: { id: string; key: string; version: number };
  @ApiProperty({ isArray: true, type: 'object', additionalProperties: true }) changes: WorkflowChange[];
}
