import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of the tenant's numbers answered by an AI agent: inbound calls to it go to the agent. */
@Entity({ name: 'ai_number_bindings' })
export class AiNumberBindingEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** E.164. */
  @PrimaryColumn('text')
  phoneNumber: string;

  @Column('uuid')
  aiAgentId: string;

  @Column({ type: 'timestamptz' })
  boundAt: Date;
}
