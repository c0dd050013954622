import { IntersectionType, PartialType } from '@nestjs/mapped-types';
import { ByIdDto } from '../common/pagination';
import { IsBoolean, IsEmail, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

export class BusinessConfigDto {
  @IsString() @MinLength(1) @MaxLength(160)
  company_name: string;

  @IsOptional() @IsString() @MaxLength(80)
  industry?: string;

  @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(300)
  website?: string;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[A-Za-z_]+\/[A-Za-z_/+-]+$|^UTC$/, { message: 'timezone must be an IANA zone such as Europe/Berlin' })
  timezone?: string;

  @IsOptional() @IsEmail() @MaxLength(254)
  contact_email?: string;

  @IsOptional() @IsString() @MaxLength(32)
  contact_phone?: string;

  @IsOptional() @IsObject()
  settings?: Record<string, unknown>;

  @IsOptional() @IsBoolean()
  is_default?: boolean;
}

/** Every field optional: PUT on a business config changes only what it names. */
export class UpdateBusinessConfigDto extends PartialType(BusinessConfigDto) {}

export class UpdateBusinessConfigRequest extends IntersectionType(UpdateBusinessConfigDto, ByIdDto) {}

export interface BusinessConfigView {
  id: string;
  company_name: string;
  industry: string | null;
  website: string | null;
  description: string | null;
  timezone: string;
  contact_email: string | null;
  contact_phone: string | null;
  settings: Record<string, unknown>;
  is_default: boolean;
  created_at: string;
  updated_at: string;
}

export interface BusinessUsageDto {
  business_id: string;
  ai_agents: number;
  calls: number;
  in_use: boolean;
}
