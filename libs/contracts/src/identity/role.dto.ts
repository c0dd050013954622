import { IntersectionType } from '@nestjs/mapped-types';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PERMISSIONS } from './permissions';
import { ByIdDto } from '../common/pagination';

export class CreateRoleDto {
  @IsString() @MinLength(2) @MaxLength(60) @Matches(/^[a-z][a-z0-9_-]*$/, { message: 'name must be lowercase letters, digits, _ or -' })
  name: string;

  @IsOptional() @IsString() @MaxLength(300)
  description?: string;

  @IsArray() @ArrayMaxSize(PERMISSIONS.length) @IsIn(PERMISSIONS, { each: true })
  permissions: string[];
}

export class UpdateRoleDto {
  @IsOptional() @IsString() @MaxLength(300)
  description?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(PERMISSIONS.length) @IsIn(PERMISSIONS, { each: true })
  permissions?: string[];
}

export class UpdateRoleRequest extends IntersectionType(UpdateRoleDto, ByIdDto) {}

export interface RoleDto {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  built_in: boolean;
  created_at: string;
}

export interface PermissionCatalogDto {
  permissions: string[];
  built_in_roles: Record<string, string[]>;
}
