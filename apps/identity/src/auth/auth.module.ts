import { Module } from '@nestjs/common';
import { MemberModule } from '../member/member.module';
import { TenantModule } from '../tenant/tenant.module';
import { AuthHandler } from './auth.handler';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionModule } from './session.module';

@Module({
  imports: [SessionModule, TenantModule, MemberModule],
  controllers: [AuthHandler],
  providers: [AuthService, { provide: PasswordHasher, useValue: new PasswordHasher() }],
})
export class AuthModule {}
