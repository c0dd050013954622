import { Controller } from '@nestjs/common';
import {
  AddMemberRequest, IdentitySubjects, RemoveMemberRequest, type MemberDto, type MessageDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { MemberService } from './member.service';

@Controller()
export class MemberHandler {
  constructor(private readonly members: MemberService) {}

  @Handles(IdentitySubjects.addMember, AddMemberRequest)
  add(@Data() data: AddMemberRequest, @Ctx() ctx: RequestContext): Promise<MemberDto> {
    return this.members.add(data, ctx);
  }

  @Handles(IdentitySubjects.removeMember, RemoveMemberRequest)
  remove(@Data() data: RemoveMemberRequest, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.members.remove(data, ctx);
  }
}
