import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { AddMemberRequest, MemberDto, MessageDto, RemoveMemberRequest, RequestContext } from '@parley/contracts';
import { ConflictException, NotFoundException, TenantDb, TenantRepository, ValidationException, type UnitOfWork, isUniqueViolation } from '@parley/platform';
import { callerOf, normalizeEmail } from '../auth/caller';
import { OneTimeTokenPolicy } from '../auth/one-time-token-policy';
import { OpaqueToken } from '../auth/opaque-token';
import { SessionService } from '../auth/session.service';
import { UserEntity } from '../auth/user.entity';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { RoleEntity } from '../role/role.entity';
import { TenantEntity } from '../tenant/tenant.entity';
import { InvitationEntity } from './invitation.entity';
import { MemberRemovalPolicy } from './member-removal-policy';
import { MembershipEntity } from './membership.entity';

@Injectable()
export class MemberService {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly db: TenantDb,
    private readonly sessions: SessionService,
  ) {}

  /** Members are managed in the caller's current tenant only; any other id does not exist for them. */
  private requireCurrentTenant(tenantId: string, ctx: RequestContext): void {
    if (callerOf(ctx).tenantId !== tenantId) throw new NotFoundException('tenant');
  }

  /**
   * An existing user becomes a member at once (`member.added`); an unknown email gets an
   * invitation (`member.invited`, carrying the token notifications delivers). Inviting a
   * pending email again renews its invitation with a new token and deadline.
   */
  async add(dto: AddMemberRequest, ctx: RequestContext): Promise<MemberDto> {
    this.requireCurrentTenant(dto.id, ctx);
    const email = normalizeEmail(dto.email);
    try {
      return await this.db.transaction(ctx, async (uow) => {
        const role = await uow.repo(RoleEntity).findOne({ name: dto.role });
        if (!role) {
          throw new ValidationException(`role ${dto.role} does not exist in this tenant`, {
            fields: { role: [`role ${dto.role} does not exist in this tenant`] },
          });
        }
        const user = await uow.manager.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = :email', { email }).getOne();
        return user ? this.addExisting(uow, user, role) : this.invite(uow, email, role, ctx);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'memberships_tenant_user_key')) throw new ConflictException(`${email} is already a member`);
      if (isUniqueViolation(error, 'invitations_pending_key')) throw new ConflictException(`${email} is being invited by another request`);
      throw error;
    }
  }

  private async addExisting(uow: UnitOfWork, user: UserEntity, role: RoleEntity): Promise<MemberDto> {
    const memberships = uow.repo(MembershipEntity);
    if (await memberships.findOne({ userId: user.id })) throw new ConflictException(`${user.email} is already a member`);
    await memberships.insert({ userId: user.id, roleId: role.id });
    await uow.emit('member.added', { user_id: user.id, email: user.email, role: role.name });
    return { status: 'added', email: user.email, role: role.name, user_id: user.id };
  }

  private async invite(uow: UnitOfWork, email: string, role: RoleEntity, ctx: RequestContext): Promise<MemberDto> {
    const invitations = uow.repo(InvitationEntity);
    const token = OpaqueToken.issue();
    const expiresAt = OneTimeTokenPolicy.expiresAt(new Date(), { hours: this.config.INVITE_TTL_HOURS });
    const pending = await invitations.findOne({ email, acceptedAt: IsNull() });
    if (pending) await invitations.delete({ id: pending.id });
    await invitations.insert({ id: token.id, email, roleId: role.id, tokenHash: token.hash, invitedBy: ctx.user_id, expiresAt });
    const tenant = await uow.manager.findOneByOrFail(TenantEntity, { id: invitations.tenantId });
    await uow.emit('member.invited', {
      email, role: role.name, tenant_name: tenant.name, token: token.value, expires_at: expiresAt.toISOString(),
    });
    return { status: 'invited', email, role: role.name, user_id: null };
  }

  /** Removes a member (or cancels a pending invitation of that email). */
  async remove(dto: RemoveMemberRequest, ctx: RequestContext): Promise<MessageDto> {
    this.requireCurrentTenant(dto.id, ctx);
    const email = normalizeEmail(dto.email);
    return this.db.transaction(ctx, async (uow) => {
      const memberships = uow.repo(MembershipEntity);
      const user = await uow.manager.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = :email', { email }).getOne();
      const membership = user ? await this.sessions.membership(uow.manager, user.id, memberships.tenantId) : null;
      if (!user || !membership) {
        const cancelled = await uow.repo(InvitationEntity).delete({ email, acceptedAt: IsNull() });
        if (cancelled > 0) return { message: `invitation of ${email} cancelled` };
        throw new NotFoundException('member');
      }
      // Lock the owners' rows: two owners removing each other at once must not leave none.
      const owners = await memberships
        .query('m')
        .innerJoin('m.role', 'r')
        .andWhere('r.name = :owner AND r.builtIn = true', { owner: 'owner' })
        .setLock('pessimistic_write', undefined, ['m'])
        .getMany();
      const verdict = MemberRemovalPolicy.check(
        { roleName: membership.role.name, roleBuiltIn: membership.role.builtIn, activeCalls: membership.activeCalls },
        owners.length,
      );
      if (!verdict.allowed) throw new ConflictException(verdict.message, { reason: verdict.reason });
      await memberships.delete({ id: membership.id });
      await this.sessions.revokeUserInTenant(uow.manager, user.id, memberships.tenantId);
      await uow.emit('member.removed', { user_id: user.id, email: user.email });
      return { message: `${email} removed from the tenant` };
    });
  }

  /**
   * A newly registered user joins every tenant that invited their email (pending, unexpired
   * invitations), each with the invited role; `member.added` is recorded in each tenant.
   */
  async acceptInvitations(uow: UnitOfWork, user: UserEntity): Promise<number> {
    const invitations = await uow.manager
      .createQueryBuilder(InvitationEntity, 'i')
      .innerJoinAndSelect('i.role', 'r')
      .where('lower(i.email) = :email AND i.acceptedAt IS NULL AND i.expiresAt > now()', { email: user.email })
      .getMany();
    for (const invitation of invitations as Array<InvitationEntity & { role: RoleEntity }>) {
      const memberships = new TenantRepository(uow.manager, MembershipEntity, invitation.tenantId, 'membership');
      await memberships.insert({ userId: user.id, roleId: invitation.roleId });
      await uow.manager.update(InvitationEntity, { id: invitation.id }, { acceptedAt: new Date() });
      await uow.emit('member.added', { user_id: user.id, email: user.email, role: invitation.role.name }, invitation.tenantId);
    }
    return invitations.length;
  }
}
