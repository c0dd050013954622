import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of events a consumer has handled: a redelivered event is skipped. */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn('uuid')
  eventId: string;

  @Column('text')
  type: string;

  @Column('timestamptz')
  processedAt: Date;
}
