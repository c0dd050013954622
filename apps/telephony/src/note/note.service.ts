import { Injectable } from '@nestjs/common';
import type {
  CallNotesRequest, CreateNoteRequest, MessageDto, NoteDto, NoteRefRequest, RequestContext, UpdateNoteRequest,
} from '@parley/contracts';
import { NotFoundException, TenantDb, type UnitOfWork } from '@parley/platform';
import { CallEntity } from '../call/call.entity';
import { CallNoteEntity } from './call-note.entity';
import { normaliseTags } from './note-tags';
import { toNoteDto } from './note.mapper';

/** Notes on a call. A call (or note) of another tenant is not found, like one that does not exist. */
@Injectable()
export class NoteService {
  constructor(private readonly db: TenantDb) {}

  async list(request: CallNotesRequest, ctx: RequestContext): Promise<NoteDto[]> {
    await this.assertCall(this.db.repo(ctx, CallEntity).count({ id: request.call_id }));
    const notes = await this.db.repo(ctx, CallNoteEntity).find({
      where: { callId: request.call_id }, order: { createdAt: 'ASC', id: 'ASC' },
    });
    return notes.map(toNoteDto);
  }

  async create(request: CreateNoteRequest, ctx: RequestContext): Promise<NoteDto> {
    return this.db.transaction(ctx, async (uow) => {
      await this.assertCall(uow.repo(CallEntity).count({ id: request.call_id }));
      const note = await uow.repo(CallNoteEntity).insert({
        callId: request.call_id,
        content: request.content,
        category: request.category ?? 'general',
        tags: normaliseTags(request.tags ?? []),
        authorId: ctx.user_id,
      });
      return toNoteDto(note);
    });
  }

  async update(request: UpdateNoteRequest, ctx: RequestContext): Promise<NoteDto> {
    return this.db.transaction(ctx, async (uow) => {
      const note = await this.noteOf(uow, request);
      if (request.content !== undefined) note.content = request.content;
      if (request.category !== undefined) note.category = request.category;
      if (request.tags !== undefined) note.tags = normaliseTags(request.tags);
      return toNoteDto(await uow.repo(CallNoteEntity).save(note));
    });
  }

  async delete(request: NoteRefRequest, ctx: RequestContext): Promise<MessageDto> {
    return this.db.transaction(ctx, async (uow) => {
      const note = await this.noteOf(uow, request);
      await uow.repo(CallNoteEntity).delete({ id: note.id });
      return { message: 'note deleted' };
    });
  }

  /** The note, if it belongs to that call of this tenant. */
  private async noteOf(uow: UnitOfWork, ref: NoteRefRequest): Promise<CallNoteEntity> {
    await this.assertCall(uow.repo(CallEntity).count({ id: ref.call_id }));
    return uow.repo(CallNoteEntity).get({ id: ref.note_id, callId: ref.call_id });
  }

  private async assertCall(count: Promise<number>): Promise<void> {
    if ((await count) === 0) throw new NotFoundException('call');
  }
}
