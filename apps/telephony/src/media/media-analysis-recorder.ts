import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TenantDb } from '@parley/platform';
import { callUpdatedEvent } from '../call/call-event-payloads';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { twilioContext } from './media-stream-authenticator';

/** What the media path keeps on a call's analysis: the stream's summary, the echo sink's recording. */
export type MediaAnalysisKey = 'media_stream' | 'media_recording';

/** Writes a media fact into the (locked) call's analysis and emits call.updated. */
@Injectable()
export class MediaAnalysisRecorder {
  constructor(
    private readonly db: TenantDb,
    private readonly lifecycle: CallLifecycle,
  ) {}

  async record(tenantId: string, callId: string, key: MediaAnalysisKey, value: object): Promise<void> {
    await this.db.transaction(twilioContext(tenantId), async (uow) => {
      const call = await this.lifecycle.lockById(uow, callId);
      if (!call) return;
      const patch = { analysis: { ...call.analysis, [key]: value }, updatedAt: new Date() };
      await uow.repo(CallEntity).update({ id: call.id }, patch as QueryDeepPartialEntity<CallEntity>);
      Object.assign(call, patch);
      await this.lifecycle.emit(uow, [callUpdatedEvent(call, null, ['analysis'])]);
    });
  }
}
