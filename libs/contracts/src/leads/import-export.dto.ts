import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LeadFilterDto } from './lead.dto';

/**
 * `POST /leads/import`: the gateway streams the uploaded CSV into the platform's transfer store
 * and names it here; the leads service reads it back as a stream.
 */
export class ImportLeadsRequest {
  @IsString() @MinLength(1) @MaxLength(200)
  upload: string;

  /** CSV header → lead field, for files whose headers are not our field names (`{"E-mail": "email"}`). */
  @IsOptional() @IsObject()
  mapping?: Record<string, string>;

  /** Source for rows that name none (default `import`). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(60)
  default_source?: string;

  @IsOptional() @IsUUID('all')
  campaign_id?: string;

  /** When true, one bad row rejects the whole file (nothing imported); default false: good rows land, bad rows are reported. */
  @IsOptional() @IsBoolean()
  all_or_nothing?: boolean;
}

export interface ImportRowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  field: string | null;
  message: string;
}

export interface ImportLeadsResultDto {
  import_id: string;
  total_rows: number;
  created: number;
  /** Rows that matched an existing lead (or an earlier row) by email or phone and were merged into it. */
  merged: number;
  failed: number;
  errors: ImportRowError[];
  /** True when more rows failed than `errors` lists. */
  errors_truncated: boolean;
  duration_ms: number;
}

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportLeadsQueryDto extends LeadFilterDto {
  @IsOptional() @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** The leads service writes the export into the transfer store; the gateway streams it to the client. */
export interface ExportLeadsResultDto {
  upload: string;
  content_type: string;
  filename: string;
  rows: number;
}
