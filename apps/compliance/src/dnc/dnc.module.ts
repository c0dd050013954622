import { Module } from '@nestjs/common';
import { DncImportService } from './dnc-import.service';
import { DncHandler } from './dnc.handler';
import { DncService } from './dnc.service';

/** The do-not-call list: add, list, remove, and bulk add from CSV. */
@Module({ controllers: [DncHandler], providers: [DncService, DncImportService], exports: [DncService] })
export class DncModule {}
