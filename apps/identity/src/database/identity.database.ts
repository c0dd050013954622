import type { ServiceDatabase } from '@parley/platform';
import { PasswordResetTokenEntity } from '../auth/password-reset-token.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { UserEntity } from '../auth/user.entity';
import { BusinessConfigEntity } from '../business-config/business-config.entity';
import { InvitationEntity } from '../member/invitation.entity';
import { MembershipEntity } from '../member/membership.entity';
import { RoleEntity } from '../role/role.entity';
import { TenantEntity } from '../tenant/tenant.entity';
import { CreateIdentityTables1765000000000 } from './migrations/1765000000000-create-identity-tables';

export const identityDatabase: ServiceDatabase = {
  entities: [
    TenantEntity, UserEntity, RoleEntity, MembershipEntity, RefreshTokenEntity, PasswordResetTokenEntity,
    InvitationEntity, BusinessConfigEntity,
  ],
  migrations: [CreateIdentityTables1765000000000],
};
