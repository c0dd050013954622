import { Module } from '@nestjs/common';
import { CallingWindowsHandler } from './calling-windows.handler';
import { CallingWindowsService } from './calling-windows.service';

/** Per-tenant calling hours by day of week, in the callee's local time. */
@Module({ controllers: [CallingWindowsHandler], providers: [CallingWindowsService], exports: [CallingWindowsService] })
export class CallingWindowModule {}
