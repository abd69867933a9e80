import type { WorkflowDefinition, WorkflowLayout } from '@layanan/workflow';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A published workflow version; a trigger refuses UPDATE and DELETE. */
@Entity('workflow_definitions')
@Unique(['key', 'version'])
export class WorkflowDefinitionRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() key: string;
  @Column() version: number;
  @Column() name: string;
  @Column({ type: 'jsonb' }) definition: WorkflowDefinition;
  @Column({ type: 'jsonb' }) layout: WorkflowLayout;
  @Column({ name: 'published_by_id', type: 'uuid', nullable: true }) publishedById: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
