import { Controller } from '@nestjs/common';
import {
  CallNotesRequest, CreateNoteRequest, NoteRefRequest, TelephonySubjects, UpdateNoteRequest,
  type MessageDto, type NoteDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { NoteService } from './note.service';

@Controller()
export class NoteHandler {
  constructor(private readonly notes: NoteService) {}

  @Handles(TelephonySubjects.listNotes, CallNotesRequest)
  list(@Data() data: CallNotesRequest, @Ctx() ctx: RequestContext): Promise<NoteDto[]> {
    return this.notes.list(data, ctx);
  }

  @Handles(TelephonySubjects.createNote, CreateNoteRequest)
  create(@Data() data: CreateNoteRequest, @Ctx() ctx: RequestContext): Promise<NoteDto> {
    return this.notes.create(data, ctx);
  }

  @Handles(TelephonySubjects.updateNote, UpdateNoteRequest)
  update(@Data() data: UpdateNoteRequest, @Ctx() ctx: RequestContext): Promise<NoteDto> {
    return this.notes.update(data, ctx);
  }

  @Handles(TelephonySubjects.deleteNote, NoteRefRequest)
  delete(@Data() data: NoteRefRequest, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.notes.delete(data, ctx);
  }
}
