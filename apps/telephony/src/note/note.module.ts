import { Module } from '@nestjs/common';
import { NoteHandler } from './note.handler';
import { NoteService } from './note.service';

@Module({
  controllers: [NoteHandler],
  providers: [NoteService],
})
export class NoteModule {}
