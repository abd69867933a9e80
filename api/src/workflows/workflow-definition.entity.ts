import type { WorkflowDefinition } from '@layanan/workflow';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('workflow_definitions')
@Unique(['key', 'version'])
export class WorkflowDefinitionRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() key: string;
  @Column() version: number;
  @Column() name: string;
  @Column({ type: 'jsonb' }) definition: WorkflowDefinition;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
