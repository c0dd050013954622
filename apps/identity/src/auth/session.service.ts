import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { RequestContext, TokenPairDto } from '@parley/contracts';
import { NotFoundException, TenantDb, TenantRepository, UnauthorizedException } from '@parley/platform';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { MembershipEntity } from '../member/membership.entity';
import { PermissionResolver } from '../role/permission-resolver';
import type { RoleEntity } from '../role/role.entity';
import { AccessTokenSigner } from './access-token-signer';
import { OpaqueToken } from './opaque-token';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokenRotation, type RotationDecision } from './refresh-token-rotation';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';

export type MembershipWithRole = MembershipEntity & { role: RoleEntity };

type Refusal = Exclude<RotationDecision, 'rotate'> | 'invalid';

const REFUSALS: { readonly [R in Refusal]: string } = {
  invalid: 'refresh token is invalid',
  expired: 'refresh token has expired; log in again',
  revoked: 'refresh token has been revoked; log in again',
  reuse_detected: 'refresh token was already used; the session has been revoked, log in again',
};

/**
 * Sessions: a short-lived access token (JWT) plus a rotating refresh token whose family is
 * the session. Refresh tokens are tenant-owned rows, but the token itself is the credential,
 * so rotation finds its row by id without a tenant in the request.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly signer: AccessTokenSigner,
    private readonly db: TenantDb,
  ) {}

  /** The user's membership (with role) in a tenant, or null when not a member. */
  async membership(manager: EntityManager, userId: string, tenantId: string): Promise<MembershipWithRole | null> {
    const [found] = await new TenantRepository(manager, MembershipEntity, tenantId, 'membership').find({
      where: { userId },
      relations: { role: true },
      take: 1,
    });
    return (found as MembershipWithRole | undefined) ?? null;
  }

  /** A new session (or the next token of `familyId`) for a member of `tenantId`; 404 otherwise. */
  async issue(manager: EntityManager, user: UserEntity, tenantId: string, familyId?: string): Promise<TokenPairDto> {
    const membership = await this.membership(manager, user.id, tenantId);
    if (!membership) throw new NotFoundException('tenant');
    return this.issueFor(manager, user, membership, familyId ?? randomUUID());
  }

  private async issueFor(
    manager: EntityManager, user: UserEntity, membership: MembershipWithRole, familyId: string,
  ): Promise<TokenPairDto> {
    const permissions = PermissionResolver.resolve(membership.role);
    const access = this.signer.sign({
      sub: user.id, tid: membership.tenantId, roles: [membership.role.name], perms: permissions, email: user.email,
    });
    const refresh = OpaqueToken.issue();
    await new TenantRepository(manager, RefreshTokenEntity, membership.tenantId, 'refresh token').insert({
      id: refresh.id,
      familyId,
      userId: user.id,
      tokenHash: refresh.hash,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_S * 1000),
    });
    return {
      access_token: access.token,
      refresh_token: refresh.value,
      token_type: 'bearer',
      expires_in: access.expiresIn,
      user: toUserDto(user, membership.tenantId, membership.role.name, permissions),
    };
  }

  /**
   * Exchanges a refresh token for the next pair of its family. A used or revoked token
   * revokes the family (committed before the 401 goes out); so does a membership that is gone.
   */
  async rotate(value: string, ctx: RequestContext): Promise<TokenPairDto> {
    const id = OpaqueToken.idOf(value);
    if (!id) throw new UnauthorizedException(REFUSALS.invalid, { reason: 'invalid' });
    const now = new Date();
    const outcome = await this.db.transaction(ctx, async (uow): Promise<{ pair: TokenPairDto } | { refused: Refusal }> => {
      // The row lock makes two concurrent refreshes with one token a detected reuse, never two sessions.
      const row = await uow.manager.findOne(RefreshTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !OpaqueToken.matches(value, row.tokenHash)) return { refused: 'invalid' };
      const decision = RefreshTokenRotation.decide(row, now);
      if (RefreshTokenRotation.revokesFamily(decision)) {
        await this.revokeFamily(uow.manager, row.familyId, now);
        if (decision === 'reuse_detected') {
          await uow.emit(
            'security.refresh_token_reused',
            { user_id: row.userId, family_id: row.familyId, ip: ctx.ip ?? null },
            row.tenantId,
          );
        }
      }
      if (decision !== 'rotate') return { refused: decision };
      await uow.manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: now });
      const user = await uow.manager.findOneBy(UserEntity, { id: row.userId });
      const membership = user ? await this.membership(uow.manager, user.id, row.tenantId) : null;
      if (!user || !membership) {
        await this.revokeFamily(uow.manager, row.familyId, now);
        return { refused: 'revoked' };
      }
      return { pair: await this.issueFor(uow.manager, user, membership, row.familyId) };
    });
    if ('pair' in outcome) return outcome.pair;
    throw new UnauthorizedException(REFUSALS[outcome.refused], { reason: outcome.refused });
  }

  /** Ends the session a refresh token belongs to; a token of someone else or unknown does nothing. */
  async revokeSessionOf(manager: EntityManager, value: string, userId: string | null): Promise<boolean> {
    const id = OpaqueToken.idOf(value);
    if (!id) return false;
    const row = await manager.findOneBy(RefreshTokenEntity, { id });
    if (!row || !OpaqueToken.matches(value, row.tokenHash)) return false;
    if (userId && row.userId !== userId) return false;
    await this.revokeFamily(manager, row.familyId, new Date());
    return true;
  }

  async revokeUserInTenant(manager: EntityManager, userId: string, tenantId: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { tenantId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Every session of the user in every tenant (password change or reset). */
  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamily(manager: EntityManager, familyId: string, now: Date): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
