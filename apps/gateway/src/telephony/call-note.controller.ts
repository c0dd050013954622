import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateNoteDto, TelephonySubjects, UpdateNoteDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';

/** Notes agents write about a call, with a category and tags. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls/:id/notes')
export class CallNoteController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('calls:read')
  @ApiOperation({ summary: 'The call\'s notes, oldest first' })
  list(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.listNotes, { call_id: id }, ctx);
  }

  @Post()
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Add a note to the call; the caller is its author' })
  @ApiBody({ type: CreateNoteDto })
  create(@Param('id', UuidParam) id: string, @Body() body: CreateNoteDto, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.createNote, { ...body, call_id: id }, ctx);
  }

  @Put(':note_id')
  @RequirePermissions('calls:write')
  @ApiOperation({ summary: 'Change the fields named of a note' })
  @ApiBody({ type: UpdateNoteDto })
  update(
    @Param('id', UuidParam) id: string,
    @Param('note_id', UuidParam) noteId: string,
    @Body() body: UpdateNoteDto,
    @Caller() ctx: RequestContext,
  ) {
    return this.bus.send(TelephonySubjects.updateNote, { ...body, call_id: id, note_id: noteId }, ctx);
  }

  @Delete(':note_id')
  @RequirePermissions('calls:write')
  remove(@Param('id', UuidParam) id: string, @Param('note_id', UuidParam) noteId: string, @Caller() ctx: RequestContext) {
    return this.bus.send(TelephonySubjects.deleteNote, { call_id: id, note_id: noteId }, ctx);
  }
}
