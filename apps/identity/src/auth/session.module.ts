import { Module } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { AccessTokenSigner } from './access-token-signer';
import { SessionService } from './session.service';

/** Token issuing and rotation, shared by auth (login, refresh) and tenant (switch). */
@Module({
  providers: [
    {
      provide: AccessTokenSigner,
      inject: [IDENTITY_CONFIG],
      useFactory: (config: IdentityConfig) => new AccessTokenSigner(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_S),
    },
    SessionService,
  ],
  exports: [AccessTokenSigner, SessionService],
})
export class SessionModule {}
