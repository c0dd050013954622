import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessTokenClaims } from '@parley/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { JWT_ISSUER } from './access-token';

/** Verifies access tokens signed by identity; the claims become `req.user`. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      issuer: JWT_ISSUER,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AccessTokenClaims {
    return { sub: claims.sub, tid: claims.tid, roles: claims.roles ?? [], perms: claims.perms ?? [], email: claims.email };
  }
}
