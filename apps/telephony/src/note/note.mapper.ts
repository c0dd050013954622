import type { NoteDto } from '@parley/contracts';
import type { CallNoteEntity } from './call-note.entity';

export function toNoteDto(note: CallNoteEntity): NoteDto {
  return {
    id: note.id,
    call_id: note.callId,
    content: note.content,
    category: note.category,
    tags: note.tags,
    author_id: note.authorId,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
  };
}
