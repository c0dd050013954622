import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyWindows } from './weekly-windows';

/** A tenant's calling hours; no row means the defaults. */
@Entity({ name: 'calling_windows' })
export class CallingWindowsEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** All seven days, each a window or null. */
  @Column('jsonb')
  windows: WeeklyWindows;

  /** Null: the service's DEFAULT_CALLING_TIMEZONE, so changing that setting reaches every tenant who never chose one. */
  @Column({ type: 'text', nullable: true })
  fallbackTimezone: string | null;

  @Column({ type: 'boolean', default: true })
  enforced: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
