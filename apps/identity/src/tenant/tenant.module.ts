import { Module } from '@nestjs/common';
import { SessionModule } from '../auth/session.module';
import { RoleModule } from '../role/role.module';
import { TenantHandler } from './tenant.handler';
import { TenantService } from './tenant.service';

@Module({
  imports: [RoleModule, SessionModule],
  controllers: [TenantHandler],
  providers: [TenantService],
  exports: [TenantService],
})
export class TenantModule {}
