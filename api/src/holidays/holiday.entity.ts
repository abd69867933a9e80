import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type HolidayKind = 'national' | 'cuti_bersama' | 'local';

@Entity('holidays')
export class Holiday {
  /** YYYY-MM-DD in Asia/Jakarta. */
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: HolidayKind;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
