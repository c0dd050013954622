import { Module } from '@nestjs/common';
import { CallLifecycle } from './call-lifecycle';
import { CallHandler } from './call.handler';
import { CallService } from './call.service';

@Module({
  controllers: [CallHandler],
  providers: [CallService, CallLifecycle],
  exports: [CallService, CallLifecycle],
})
export class CallModule {}
