import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** UU 27/2022: every read of a full case (with personal data) by staff is recorded. */
@Entity('personal_data_access_log')
export class PersonalDataAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column() action: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
