import type { ActorRole } from '@layanan/contracts';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One entry of a case's append-only, hash-chained log (riwayat). */
@Entity('case_events')
@Unique(['caseId', 'seq'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column() seq: number;
  @Column() type: string;
  @Column({ name: 'from_state', type: 'text', nullable: true }) fromState: string | null;
  @Column({ name: 'to_state', type: 'text', nullable: true }) toState: string | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_name', type: 'text', nullable: true }) actorName: string | null;
  @Column({ name: 'actor_role', type: 'text' }) actorRole: ActorRole;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ default: true }) public: boolean;
  @Column({ type: 'jsonb', default: {} }) payload: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash: string | null;
  @Column() hash: string;
}
