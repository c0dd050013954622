import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn,
} from 'typeorm';
import { AGENT_STATUSES, type AgentStatus } from '@parley/contracts';
import { UserEntity } from '../auth/user.entity';
import { RoleEntity } from '../role/role.entity';
import { TenantEntity } from '../tenant/tenant.entity';
import { UuidPrimaryColumn } from '@parley/platform';

/**
 * A user's place in a tenant: the role, and the human-agent state (status and the call
 * counters). `activeCalls` and `escalationsHandled` are a read model that the call services
 * feed from their events; identity only reads them (an agent in a call cannot be removed).
 */
@Entity({ name: 'memberships' })
@Index('memberships_tenant_user_key', ['tenantId', 'userId'], { unique: true })
@Index('memberships_tenant_role', ['tenantId', 'roleId'])
@Index('memberships_tenant_status', ['tenantId', 'status'])
export class MembershipEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('uuid')
  roleId: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id' })
  role?: RoleEntity;

  @Column({ type: 'enum', enum: AGENT_STATUSES, enumName: 'agent_status', default: 'offline' })
  status: AgentStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusChangedAt: Date;

  @Column({ type: 'int', default: 0 })
  activeCalls: number;

  @Column({ type: 'int', default: 0 })
  escalationsHandled: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
