import { IntersectionType } from '@nestjs/mapped-types';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ByIdDto } from '../common/pagination';

export class CreateTenantDto {
  @IsString() @MinLength(1) @MaxLength(160)
  name: string;
}

export class AddMemberDto {
  @IsEmail() @MaxLength(254)
  email: string;

  @IsString() @MinLength(1) @MaxLength(60)
  role: string;
}

export class AddMemberRequest extends IntersectionType(AddMemberDto, ByIdDto) {}

export class RemoveMemberRequest extends ByIdDto {
  @IsEmail() @MaxLength(254)
  email: string;
}

export interface TenantDto {
  id: string;
  name: string;
  role: string;
  created_at: string;
}

export interface MemberDto {
  status: 'added' | 'invited';
  email: string;
  role: string;
  user_id: string | null;
}

export interface UserCountDto {
  tenant_id: string;
  total: number;
  by_role: Record<string, number>;
}
