import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermissions } from '@parley/contracts';
import { ForbiddenException } from '@parley/platform';
import type { AuthedRequest } from '../http/request-context.decorator';
import { REQUIRED_PERMISSIONS } from './auth.decorators';

/** Enforces @RequirePermissions from the permissions in the token. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required?.length) return true;
    const granted = context.switchToHttp().getRequest<AuthedRequest>().user?.perms ?? [];
    if (!hasPermissions(granted, required)) {
      throw new ForbiddenException(`missing permission: ${required.filter((p) => !granted.includes(p)).join(', ')}`, {
        required,
      });
    }
    return true;
  }
}
