import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { UnauthorizedException } from '@parley/platform';
import { IS_PUBLIC } from './auth.decorators';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error || !user) {
      const reason = info instanceof Error ? info.message : 'missing or invalid bearer token';
      throw new UnauthorizedException(reason === 'No auth token' ? 'missing bearer token' : reason);
    }
    return user;
  }
}
