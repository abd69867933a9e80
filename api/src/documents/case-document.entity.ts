import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DocumentStatus = 'pending' | 'valid' | 'invalid';

@Entity('case_documents')
export class CaseDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'requirement_key' }) requirementKey: string;
  @Column({ name: 'file_name' }) fileName: string;
  @Column({ name: 'storage_key', unique: true }) storageKey: string;
  @Column({ name: 'content_type' }) contentType: string;
  @Column() size: number;
  @Column() sha256: string;
  @Column({ type: 'text', default: 'pending' }) status: DocumentStatus;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'checked_by_id', type: 'uuid', nullable: true }) checkedById: string | null;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt: Date | null;
  @Column({ name: 'uploaded_by_id', type: 'uuid', nullable: true }) uploadedById: string | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
