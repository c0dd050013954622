import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordDto, ForgotPasswordDto, IdentitySubjects, LoginDto, LogoutDto, RefreshDto, RegisterDto, ResetPasswordDto,
  ValidateTokenDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { Public } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly bus: ServiceBus) {}

  @Public()
  @Post(['register', 'signup'])
  @ApiOperation({ summary: 'Create a tenant and its owner; answers a token pair' })
  @ApiBody({ type: RegisterDto })
  register(@Body() body: RegisterDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.register, body, ctx);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; repeated failures lock the account for a while' })
  @ApiBody({ type: LoginDto })
  login(@Body() body: LoginDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.login, body, ctx);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a spent one revokes its whole family' })
  @ApiBody({ type: RefreshDto })
  refresh(@Body() body: RefreshDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.refresh, body, ctx);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the refresh token family (or all of this session\'s tokens)' })
  @ApiBody({ type: LogoutDto })
  logout(@Body() body: LogoutDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.logout, body, ctx);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, with the active tenant, role and permissions' })
  me(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.me, {}, ctx);
  }

  @Public()
  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check an access token' })
  @ApiBody({ type: ValidateTokenDto })
  validate(@Body() body: ValidateTokenDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.validate, body, ctx);
  }

  @Post('change-password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiBody({ type: ChangePasswordDto })
  changePassword(@Body() body: ChangePasswordDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.changePassword, body, ctx);
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a single-use reset token (through notifications); same answer for unknown emails' })
  @ApiBody({ type: ForgotPasswordDto })
  forgotPassword(@Body() body: ForgotPasswordDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.forgotPassword, body, ctx);
  }

  @Public()
  @Post('reset-password')
  @HttpCode(200)
  @ApiBody({ type: ResetPasswordDto })
  resetPassword(@Body() body: ResetPasswordDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.resetPassword, body, ctx);
  }
}
