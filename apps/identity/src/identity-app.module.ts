import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { AgentModule } from './agent/agent.module';
import { AuthModule } from './auth/auth.module';
import { BusinessConfigModule } from './business-config/business-config.module';
import { identityDatabase } from './database/identity.database';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { MemberModule } from './member/member.module';
import { RoleModule } from './role/role.module';
import { TenantModule } from './tenant/tenant.module';

/** The identity service; a dynamic module so tests boot it with their own config. */
@Module({})
export class IdentityAppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'identity', config, database: identityDatabase }),
        AuthModule,
        TenantModule,
        MemberModule,
        RoleModule,
        AgentModule,
        BusinessConfigModule,
      ],
      providers: [{ provide: IDENTITY_CONFIG, useValue: config }],
      exports: [IDENTITY_CONFIG],
    };
  }
}
