import { Controller } from '@nestjs/common';
import {
  ChangePasswordDto, ForgotPasswordDto, IdentitySubjects, LoginDto, LogoutDto, RefreshDto, RegisterDto, ResetPasswordDto,
  ValidateTokenDto,
  type MessageDto, type RequestContext, type TokenPairDto, type TokenValidationDto, type UserDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { AuthService } from './auth.service';

@Controller()
export class AuthHandler {
  constructor(private readonly auth: AuthService) {}

  @Handles(IdentitySubjects.register, RegisterDto)
  register(@Data() data: RegisterDto, @Ctx() ctx: RequestContext): Promise<TokenPairDto> {
    return this.auth.register(data, ctx);
  }

  @Handles(IdentitySubjects.login, LoginDto)
  login(@Data() data: LoginDto, @Ctx() ctx: RequestContext): Promise<TokenPairDto> {
    return this.auth.login(data, ctx);
  }

  @Handles(IdentitySubjects.refresh, RefreshDto)
  refresh(@Data() data: RefreshDto, @Ctx() ctx: RequestContext): Promise<TokenPairDto> {
    return this.auth.refresh(data.refresh_token, ctx);
  }

  @Handles(IdentitySubjects.logout, LogoutDto)
  logout(@Data() data: LogoutDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.auth.logout(data, ctx);
  }

  @Handles(IdentitySubjects.me)
  me(@Ctx() ctx: RequestContext): Promise<UserDto> {
    return this.auth.me(ctx);
  }

  @Handles(IdentitySubjects.validate, ValidateTokenDto)
  validate(@Data() data: ValidateTokenDto): Promise<TokenValidationDto> {
    return this.auth.validate(data.token);
  }

  @Handles(IdentitySubjects.changePassword, ChangePasswordDto)
  changePassword(@Data() data: ChangePasswordDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.auth.changePassword(data, ctx);
  }

  @Handles(IdentitySubjects.forgotPassword, ForgotPasswordDto)
  forgotPassword(@Data() data: ForgotPasswordDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.auth.forgotPassword(data, ctx);
  }

  @Handles(IdentitySubjects.resetPassword, ResetPasswordDto)
  resetPassword(@Data() data: ResetPasswordDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.auth.resetPassword(data, ctx);
  }
}
