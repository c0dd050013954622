import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  per_page?: number;

  @IsOptional() @IsString() @MaxLength(200)
  search?: string;
}

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  per_page: number;
  total_pages: number;
}

export const DEFAULT_PER_PAGE = 20;

export function pageOf<T>(data: T[], total: number, query: PageQueryDto): Page<T> {
  const per_page = query.per_page ?? DEFAULT_PER_PAGE;
  return { data, total, page: query.page ?? 1, per_page, total_pages: Math.ceil(total / per_page) };
}

export function pageWindow(query: PageQueryDto): { skip: number; take: number } {
  const take = query.per_page ?? DEFAULT_PER_PAGE;
  return { skip: ((query.page ?? 1) - 1) * take, take };
}


/** Payload of a request about one resource (the id comes from the route). */
export class ByIdDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
