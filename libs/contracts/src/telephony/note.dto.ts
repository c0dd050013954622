import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const NOTE_CATEGORIES = ['general', 'follow_up', 'objection', 'issue', 'feedback', 'escalation'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

export class CreateNoteDto {
  @IsString() @MinLength(1) @MaxLength(10_000)
  content: string;

  @IsOptional() @IsIn(NOTE_CATEGORIES)
  category?: NoteCategory;

  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(60, { each: true })
  tags?: string[];
}

export class UpdateNoteDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(10_000)
  content?: string;

  @IsOptional() @IsIn(NOTE_CATEGORIES)
  category?: NoteCategory;

  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(60, { each: true })
  tags?: string[];
}

export class CallNotesRequest {
  @IsUUID('all', { message: 'id must be a UUID' })
  call_id: string;
}

export class CreateNoteRequest extends CreateNoteDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  call_id: string;
}

export class UpdateNoteRequest extends UpdateNoteDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  call_id: string;

  @IsUUID('all', { message: 'note_id must be a UUID' })
  note_id: string;
}

export class NoteRefRequest {
  @IsUUID('all', { message: 'id must be a UUID' })
  call_id: string;

  @IsUUID('all', { message: 'note_id must be a UUID' })
  note_id: string;
}

export interface NoteDto {
  id: string;
  call_id: string;
  content: string;
  category: NoteCategory;
  tags: string[];
  author_id: string | null;
  created_at: string;
  updated_at: string;
}
