import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type HolidayKind = 'national' | 'cuti_bersama' | 'local';

/** One holiday; a day may carry several (unique per date and name). */
@Entity('holidays')
export class Holiday {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** YYYY-MM-DD in Asia/Jakarta. */
  @Column({ type: 'date' }) date: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: HolidayKind;
  /** The decree the row comes from (SKB 3 Menteri), or null for a holiday an admin added. */
  @Column({ type: 'text', nullable: true }) source: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
