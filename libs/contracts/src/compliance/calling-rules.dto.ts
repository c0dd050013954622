import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsTimeZone, Matches, MaxLength, MinLength, ValidateBy, ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';

/** Why a number is on the do-not-call list. */
export const DNC_SOURCES = ['manual', 'import', 'opt_out'] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

export class AddDncDto {
  /** Any format a caller types; stored in E.164 (national numbers read in the default region). */
  @IsString() @MinLength(3) @MaxLength(40)
  phone_number: string;

  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;

  /** `opt_out` when the callee asked not to be called (voice-ai sets it); `manual` by default. */
  @IsOptional() @IsIn(DNC_SOURCES)
  source?: DncSource;
}

export interface DncEntryDto {
  phone_number: string;
  reason: string | null;
  source: DncSource;
  created_by: string | null;
  created_at: string;
}

/** Adding is idempotent: a number already listed answers its existing entry, unchanged. */
export interface AddDncResultDto extends DncEntryDto {
  already_listed: boolean;
}

export class DncQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(DNC_SOURCES)
  source?: DncSource;
}

export class DncNumberDto {
  @IsString() @MinLength(3) @MaxLength(40)
  phone_number: string;
}

/** `POST /compliance/dnc/import`: a CSV with a `phone_number` (or `phone`) column and optional `reason`. */
export class ImportDncRequest {
  @IsString() @MinLength(1) @MaxLength(200)
  upload: string;
}

export interface ImportDncResultDto {
  total_rows: number;
  added: number;
  /** Numbers already on the list (or repeated in the file). */
  already_listed: number;
  failed: number;
  errors: Array<{ line: number; message: string }>;
  /** More rows failed than `errors` lists (`failed` is always exact). */
  errors_truncated: boolean;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** HH:MM strings compare in time order, so a later clock time is a greater string. */
function IsLaterThan(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isLaterThan',
    constraints: [property],
    validator: {
      validate: (value, args) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[property];
        return typeof value !== 'string' || typeof other !== 'string' || value > other;
      },
      defaultMessage: (args) => `${args?.property ?? 'value'} must be later than ${property}`,
    },
  }, options);
}

/** Local hours of one day, `start` included and `end` excluded; `end` after `start`. */
export class DayWindowDto {
  @Matches(CLOCK, { message: 'start must be HH:MM (24 h)' })
  start: string;

  @Matches(CLOCK, { message: 'end must be HH:MM (24 h)' })
  @IsLaterThan('start')
  end: string;
}

/** Per day of week: hours in the callee's local time, or null for no calls that day. */
export class WeeklyWindowsDto {
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) monday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) tuesday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) wednesday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) thursday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) friday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) saturday?: DayWindowDto | null;
  @IsOptional() @ValidateNested() @Type(() => DayWindowDto) sunday?: DayWindowDto | null;
}

/** `PUT /compliance/calling-windows`: fields and days left out keep their current value; a day set to null has no calls. */
export class CallingWindowsDto {
  @IsOptional() @ValidateNested() @Type(() => WeeklyWindowsDto)
  windows?: WeeklyWindowsDto;

  /**
   * IANA zone used when a number's zone cannot be derived; null goes back to the service's
   * DEFAULT_CALLING_TIMEZONE.
   */
  @IsOptional() @IsString() @MaxLength(60) @IsTimeZone({ message: 'fallback_timezone must be an IANA time zone such as America/New_York' })
  fallback_timezone?: string | null;

  /** When false, calling windows are not enforced (DNC always is). */
  @IsOptional() @IsBoolean()
  enforced?: boolean;
}

export interface CallingWindowsView {
  windows: Record<Weekday, { start: string; end: string } | null>;
  fallback_timezone: string;
  enforced: boolean;
  updated_at: string | null;
}

/** `compliance.calling.check`: may this tenant call this number now (or at `at`)? */
export class CallingCheckDto {
  @IsString() @MinLength(3) @MaxLength(40)
  phone_number: string;

  /** With a zone (Z or ±HH:MM): a bare local time would be read in the server's zone. */
  @IsOptional() @IsISO8601()
  @Matches(/T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i, { message: 'at must be an ISO 8601 time with a zone (Z or ±HH:MM)' })
  at?: string;
}

export type CallingDenialRule = 'do_not_call' | 'calling_window' | 'invalid_number';

export interface CallingCheckResultDto {
  allowed: boolean;
  /** The rule that refused the call; null when allowed. */
  rule: CallingDenialRule | null;
  /** In words, e.g. "+12125550123 is on the do-not-call list (opt_out)" or "21:30 on Monday in America/New_York is outside the calling window 08:00–21:00". */
  reason: string | null;
  phone_number: string;
  timezone: string;
  /** The callee's local time, ISO 8601 with offset. */
  local_time: string;
}
