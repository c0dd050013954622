import { Module } from '@nestjs/common';
import { SessionModule } from '../auth/session.module';
import { MemberHandler } from './member.handler';
import { MemberService } from './member.service';

@Module({ imports: [SessionModule], controllers: [MemberHandler], providers: [MemberService], exports: [MemberService] })
export class MemberModule {}
