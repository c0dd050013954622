import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;

export class RegisterDto {
  @IsEmail() @MaxLength(254)
  email: string;

  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(128)
  password: string;

  @IsOptional() @IsString() @MaxLength(120)
  name?: string;

  @IsString() @MinLength(1) @MaxLength(160)
  company_name: string;
}

export class LoginDto {
  @IsEmail() @MaxLength(254)
  email: string;

  @IsString() @MinLength(1) @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @IsString() @MinLength(20) @MaxLength(512)
  refresh_token: string;
}

export class LogoutDto {
  @IsOptional() @IsString() @MaxLength(512)
  refresh_token?: string;
}

export class ValidateTokenDto {
  @IsString() @MinLength(10) @MaxLength(4096)
  token: string;
}

export class ChangePasswordDto {
  @IsString() @MinLength(1) @MaxLength(128)
  current_password: string;

  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(128)
  new_password: string;
}

export class ForgotPasswordDto {
  @IsEmail() @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  @IsString() @MinLength(20) @MaxLength(512)
  token: string;

  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(128)
  new_password: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  tenant_id: string;
  role: string;
  permissions: string[];
  created_at: string;
}

export interface TokenPairDto {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: UserDto;
}

export interface TokenValidationDto {
  valid: boolean;
  user_id?: string;
  tenant_id?: string;
  expires_at?: string;
}

/** Claims of an access token (signed by identity, verified by the gateway). */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  roles: string[];
  perms: string[];
  email: string;
}

export interface MessageDto {
  message: string;
}
