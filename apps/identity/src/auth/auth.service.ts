import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type {
  ChangePasswordDto, ForgotPasswordDto, LoginDto, LogoutDto, MessageDto, RegisterDto, RequestContext, ResetPasswordDto,
  TokenPairDto, TokenValidationDto, UserDto,
} from '@parley/contracts';
import { ConflictException, ForbiddenException, TenantDb, UnauthorizedException, ValidationException, isUniqueViolation } from '@parley/platform';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { MemberService } from '../member/member.service';
import { MembershipEntity } from '../member/membership.entity';
import { PermissionResolver } from '../role/permission-resolver';
import { TenantService } from '../tenant/tenant.service';
import { AccessTokenSigner } from './access-token-signer';
import { callerOf, normalizeEmail } from './caller';
import { LoginLockoutPolicy } from './login-lockout-policy';
import { OneTimeTokenPolicy } from './one-time-token-policy';
import { OpaqueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { PasswordResetTokenEntity } from './password-reset-token.entity';
import { SessionService } from './session.service';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';

const INVALID_CREDENTIALS = 'invalid email or password';
const FORGOT_PASSWORD_ANSWER = 'if an account exists for that email, a password reset link is on its way';

function lockedError(lockedUntil: Date): UnauthorizedException {
  return new UnauthorizedException('account is locked after too many failed logins; try again later', {
    locked_until: lockedUntil.toISOString(),
  });
}

/**
 * Accounts and credentials: registration, login with lockout, the caller's profile, token
 * validation, password change and reset. Users are global, so their table is reached
 * through the unit of work's manager; every event is recorded in a tenant of the user.
 */
@Injectable()
export class AuthService {
  private readonly lockout: LoginLockoutPolicy;

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly db: TenantDb,
    private readonly sessions: SessionService,
    private readonly tenants: TenantService,
    private readonly members: MemberService,
    private readonly hasher: PasswordHasher,
    private readonly signer: AccessTokenSigner,
  ) {
    this.lockout = new LoginLockoutPolicy({ maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES });
  }

  private findByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
    return manager.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = :email', { email }).getOne();
  }

  /** The tenant a user lands in at login, and where their security events are recorded: the first they joined. */
  private async homeTenantId(manager: EntityManager, userId: string): Promise<string | null> {
    const first = await manager.findOne(MembershipEntity, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return first?.tenantId ?? null;
  }

  /** A new account, its own tenant (owner), and membership of every tenant that invited the email. */
  async register(dto: RegisterDto, ctx: RequestContext): Promise<TokenPairDto> {
    const email = normalizeEmail(dto.email);
    const passwordHash = await this.hasher.hash(dto.password);
    const userId = randomUUID();
    const tenantId = randomUUID();
    const conflict = () => new ConflictException('an account with this email already exists');
    try {
      return await this.db.transaction(
        { ...ctx, user_id: userId },
        async (uow) => {
          if (await this.findByEmail(uow.manager, email)) throw conflict();
          await uow.manager.insert(UserEntity, { id: userId, email, passwordHash, name: dto.name?.trim() || null });
          const user = await uow.manager.findOneByOrFail(UserEntity, { id: userId });
          await uow.emit('user.registered', { user_id: user.id, email, name: user.name });
          await this.tenants.provision(uow, { id: tenantId, name: dto.company_name, ownerId: user.id });
          await this.members.acceptInvitations(uow, user);
          return this.sessions.issue(uow.manager, user, tenantId);
        },
        tenantId,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw conflict();
      throw error;
    }
  }

  /**
   * An unknown email and a wrong password get the same answer (no account enumeration), and
   * an unknown email spends as long on hashing. A locked account is refused before its
   * password is even checked.
   */
  async login(dto: LoginDto, ctx: RequestContext): Promise<TokenPairDto> {
    const email = normalizeEmail(dto.email);
    const manager = this.db.globalManager();
    const user = await this.findByEmail(manager, email);
    if (!user) {
      await this.hasher.verifyNothing(dto.password);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (this.lockout.isLocked(user, new Date()) || !(await this.hasher.verify(user.passwordHash, dto.password))) {
      return this.refuseLogin(user, ctx);
    }
    const tenantId = await this.homeTenantId(manager, user.id);
    if (!tenantId) throw new ForbiddenException('this account is not a member of any tenant');
    return this.db.transaction(
      { ...ctx, user_id: user.id },
      async (uow) => {
        if (user.failedLoginCount > 0 || user.lockedUntil) {
          await uow.manager.update(UserEntity, { id: user.id }, this.lockout.afterSuccess());
        }
        return this.sessions.issue(uow.manager, user, tenantId);
      },
      tenantId,
    );
  }

  /**
   * Counts a failed login under a row lock, locks the account on the Nth, and records
   * `security.login_failed` (and `security.account_locked`) in the user's home tenant. An
   * attempt on a locked account is refused unchecked and recorded without counting, so
   * monitoring sees attacks that go on through the lock. Failures for emails with no account
   * record nothing: there is no tenant to record them in.
   */
  private async refuseLogin(user: UserEntity, ctx: RequestContext): Promise<never> {
    const tenantId = await this.homeTenantId(this.db.globalManager(), user.id);
    const now = new Date();
    const outcome = await this.db.transaction(
      ctx,
      async (uow) => {
        const current = await uow.manager.findOneOrFail(UserEntity, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
        const next = this.lockout.afterFailure(current, now);
        await uow.manager.update(UserEntity, { id: user.id }, { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil });
        if (tenantId) {
          const ip = ctx.ip ?? null;
          await uow.emit('security.login_failed', { email: user.email, user_id: user.id, ip, failed_attempts: next.failedLoginCount });
          if (next.locked && next.justLocked) {
            await uow.emit('security.account_locked', {
              user_id: user.id, email: user.email, locked_until: next.lockedUntil.toISOString(), ip,
            });
          }
        }
        return next;
      },
      tenantId ?? undefined,
    );
    throw outcome.locked ? lockedError(outcome.lockedUntil) : new UnauthorizedException(INVALID_CREDENTIALS);
  }

  refresh(refreshToken: string, ctx: RequestContext): Promise<TokenPairDto> {
    return this.sessions.rotate(refreshToken, ctx);
  }

  /** Ends the session of the given refresh token, or every session of the caller in this tenant. */
  async logout(dto: LogoutDto, ctx: RequestContext): Promise<MessageDto> {
    const manager = this.db.globalManager();
    if (dto.refresh_token) {
      await this.sessions.revokeSessionOf(manager, dto.refresh_token, ctx.user_id);
    } else {
      const { userId, tenantId } = callerOf(ctx);
      await this.sessions.revokeUserInTenant(manager, userId, tenantId);
    }
    return { message: 'logged out' };
  }

  async me(ctx: RequestContext): Promise<UserDto> {
    const { userId, tenantId } = callerOf(ctx);
    const manager = this.db.globalManager();
    const user = await manager.findOneBy(UserEntity, { id: userId });
    const membership = user ? await this.sessions.membership(manager, userId, tenantId) : null;
    if (!user || !membership) throw new UnauthorizedException('the session no longer matches a member of this tenant');
    return toUserDto(user, tenantId, membership.role.name, PermissionResolver.resolve(membership.role));
  }

  /** A token is valid when it verifies and its user is still a member of its tenant. */
  async validate(token: string): Promise<TokenValidationDto> {
    const verified = this.signer.verify(token);
    if (!verified) return { valid: false };
    const { sub, tid } = verified.claims;
    const manager = this.db.globalManager();
    const user = await manager.findOneBy(UserEntity, { id: sub });
    if (!user || !(await this.sessions.membership(manager, sub, tid))) return { valid: false };
    return { valid: true, user_id: sub, tenant_id: tid, expires_at: verified.expiresAt.toISOString() };
  }

  /**
   * Needs the current password. Every refresh token of the user is revoked (the access token
   * in hand runs out within ACCESS_TOKEN_TTL_S): the request carries no session id to spare.
   */
  async changePassword(dto: ChangePasswordDto, ctx: RequestContext): Promise<MessageDto> {
    const { userId } = callerOf(ctx);
    const user = await this.db.globalManager().findOneBy(UserEntity, { id: userId });
    if (!user) throw new UnauthorizedException('authentication required');
    if (!(await this.hasher.verify(user.passwordHash, dto.current_password))) {
      throw new ValidationException('current password is incorrect', {
        fields: { current_password: ['current password is incorrect'] },
      });
    }
    if (dto.new_password === dto.current_password) {
      throw new ValidationException('new password must differ from the current one', {
        fields: { new_password: ['new password must differ from the current one'] },
      });
    }
    const passwordHash = await this.hasher.hash(dto.new_password);
    await this.db.transaction(ctx, async (uow) => {
      await uow.manager.update(UserEntity, { id: userId }, { passwordHash, ...this.lockout.afterSuccess() });
      await this.sessions.revokeAllOfUser(uow.manager, userId);
      await uow.emit('password.changed', { user_id: userId, via: 'change' });
    });
    return { message: 'password changed' };
  }

  /**
   * Always the same answer. For an existing account with a tenant, a single-use token is
   * stored (hashed) and `password.reset_requested` carries it to notifications for delivery.
   */
  async forgotPassword(dto: ForgotPasswordDto, ctx: RequestContext): Promise<MessageDto> {
    const manager = this.db.globalManager();
    const user = await this.findByEmail(manager, normalizeEmail(dto.email));
    const tenantId = user ? await this.homeTenantId(manager, user.id) : null;
    if (user && tenantId) {
      const token = OpaqueToken.issue();
      const expiresAt = OneTimeTokenPolicy.expiresAt(new Date(), { minutes: this.config.RESET_TOKEN_TTL_MINUTES });
      await this.db.transaction(
        ctx,
        async (uow) => {
          await uow.manager.insert(PasswordResetTokenEntity, { id: token.id, userId: user.id, tokenHash: token.hash, expiresAt });
          await uow.emit('password.reset_requested', {
            user_id: user.id, email: user.email, token: token.value, expires_at: expiresAt.toISOString(),
          });
        },
        tenantId,
      );
    }
    return { message: FORGOT_PASSWORD_ANSWER };
  }

  /** Single use: sets the password, lifts a lockout, ends every session and every other reset token. */
  async resetPassword(dto: ResetPasswordDto, ctx: RequestContext): Promise<MessageDto> {
    const id = OpaqueToken.idOf(dto.token);
    if (!id) throw new UnauthorizedException('reset token is invalid');
    const manager = this.db.globalManager();
    const found = await manager.findOneBy(PasswordResetTokenEntity, { id });
    if (!found || !OpaqueToken.matches(dto.token, found.tokenHash)) throw new UnauthorizedException('reset token is invalid');
    const passwordHash = await this.hasher.hash(dto.new_password);
    const now = new Date();
    const tenantId = await this.homeTenantId(manager, found.userId);
    await this.db.transaction(
      { ...ctx, user_id: found.userId },
      async (uow) => {
        // Re-read under a lock: two resets racing with one token, only one wins.
        const row = await uow.manager.findOneOrFail(PasswordResetTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        const status = OneTimeTokenPolicy.status({ expiresAt: row.expiresAt, consumedAt: row.usedAt }, now);
        if (status === 'used') throw new UnauthorizedException('reset token has already been used; request a new one');
        if (status === 'expired') throw new UnauthorizedException('reset token has expired; request a new one');
        await uow.manager.update(PasswordResetTokenEntity, { userId: row.userId, usedAt: IsNull() }, { usedAt: now });
        await uow.manager.update(UserEntity, { id: row.userId }, { passwordHash, ...this.lockout.afterSuccess() });
        await this.sessions.revokeAllOfUser(uow.manager, row.userId);
        if (tenantId) await uow.emit('password.changed', { user_id: row.userId, via: 'reset' });
      },
      tenantId ?? undefined,
    );
    return { message: 'password has been reset; log in with the new password' };
  }
}
