import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event written in the same transaction as the change it describes; the relay publishes it. */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column('text')
  type: string;

  @Column('text')
  subject: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column('jsonb')
  data: Record<string, unknown>;

  @Column('timestamptz')
  occurredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
