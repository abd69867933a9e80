import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type { FormField, Requirement } from '@layanan/contracts';
import type { FormField, Requirement } from '@layanan/contracts';

@Entity('services')
export class ServiceRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ unique: true }) code: string;
  @Index('services_opd_id_idx') @Column({ name: 'opd_id', type: 'uuid' }) opdId: string;
  @Column({ name: 'current_version', default: 1 }) currentVersion: number;
  @Column({ default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One immutable version of a service's standard (PermenPAN-RB 15/2014 components). */
@Entity('service_versions')
export class ServiceVersion {
  @PrimaryColumn({ name: 'service_id', type: 'uuid' }) serviceId: string;
  @PrimaryColumn() version: number;
  @Column() name: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'jsonb', default: [] }) requirements: Requirement[];
  @Column({ name: 'form_fields', type: 'jsonb', default: [] }) formFields: FormField[];
  @Column({ default: '' }) procedure: string;
  @Column({ name: 'sla_amount' }) slaAmount: number;
  @Column({ name: 'sla_unit', type: 'text' }) slaUnit: 'days' | 'hours';
  @Column({ name: 'fee_amount', default: 0 }) feeAmount: number;
  @Column({ name: 'fee_note', type: 'text', nullable: true }) feeNote: string | null;
  @Column({ default: '' }) product: string;
  @Column({ name: 'complaint_channel', default: '' }) complaintChannel: string;
  @Column({ name: 'legal_basis', default: '' }) legalBasis: string;
  @Column({ name: 'workflow_key' }) workflowKey: string;
  @Column({ name: 'workflow_version' }) workflowVersion: number;
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true }) createdById: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
