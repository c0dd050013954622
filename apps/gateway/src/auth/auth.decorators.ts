import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@parley/contracts';

export const IS_PUBLIC = Symbol('IS_PUBLIC');
export const REQUIRED_PERMISSIONS = Symbol('REQUIRED_PERMISSIONS');

/** A route anyone may call (login, register, Twilio webhooks). Everything else needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Permissions the token must carry for this route. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);
