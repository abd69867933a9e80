import type { Channel } from '@layanan/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('cases')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tracking_code', unique: true }) trackingCode: string;
  @Column({ name: 'service_id', type: 'uuid' }) serviceId: string;
  @Column({ name: 'service_version' }) serviceVersion: number;
  @Column({ name: 'workflow_key' }) workflowKey: string;
  @Column({ name: 'workflow_version' }) workflowVersion: number;
  @Column({ name: 'opd_id', type: 'uuid' }) opdId: string;
  @Column({ name: 'handled_opd_ids', type: 'uuid', array: true, default: '{}' }) handledOpdIds: string[];
  @Column() state: string;
  @Column({ name: 'next_roles', type: 'text', array: true, default: '{}' }) nextRoles: string[];
  @Column({ name: 'is_open', default: true }) isOpen: boolean;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ name: 'verified_by_id', type: 'uuid', nullable: true }) verifiedById: string | null;
  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true }) approvedById: string | null;
  /** AES-256-GCM ciphertext `keyId:base64` (api/src/privacy/pii-cipher.ts); `applicant_nik_bidx` is its blind index. */
  @Column({ name: 'applicant_nik_enc' }) applicantNikEnc: string;
  @Column({ name: 'applicant_nik_bidx' }) applicantNikBidx: string;
  @Column({ name: 'applicant_name' }) applicantName: string;
  @Column({ name: 'applicant_phone_enc', type: 'text', nullable: true }) applicantPhoneEnc: string | null;
  @Column({ name: 'applicant_email', type: 'text', nullable: true }) applicantEmail: string | null;
  @Column({ name: 'applicant_address', type: 'jsonb', nullable: true }) applicantAddress: Record<string, string> | null;
  @Column({ name: 'form_data', type: 'jsonb', default: {} }) formData: Record<string, unknown>;
  @Column({ type: 'text' }) channel: Channel;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true }) createdById: string | null;
  @Column({ default: 1 }) version: number;
  @Column({ name: 'event_count', default: 0 }) eventCount: number;
  @Column({ name: 'last_event_hash', type: 'text', nullable: true }) lastEventHash: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
