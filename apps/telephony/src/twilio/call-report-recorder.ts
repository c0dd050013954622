import { Injectable } from '@nestjs/common';
import type { TranscriptTurnDto } from '@parley/contracts';
import type { UnitOfWork } from '@parley/platform';
import { CallLifecycle } from '../call/call-lifecycle';
import type { CallEntity } from '../call/call.entity';
import { answeredByMachine } from './answered-by';
import { intParam, twilioTimestamp } from './twilio-params';

/**
 * Records what Twilio's gather, recording and answering-machine webhooks carry on the (locked)
 * call, emitting call.updated with what changed.
 */
@Injectable()
export class CallReportRecorder {
  constructor(private readonly lifecycle: CallLifecycle) {}

  /** A caller's speech (or keypresses) becomes a transcript turn. */
  async gather(uow: UnitOfWork, call: CallEntity, params: Record<string, string>): Promise<void> {
    const text = (params['SpeechResult'] || params['Digits'] || '').trim();
    if (!text) return;
    const turn: TranscriptTurnDto = { speaker: 'caller', text, at: new Date().toISOString() };
    const analysis = { ...call.analysis };
    if (params['Confidence']) analysis['last_speech_confidence'] = Number(params['Confidence']);
    await this.save(uow, call, { transcript: [...call.transcript, turn], analysis }, ['transcript']);
  }

  /** A finished recording's URL goes on the call; its sid and length into the analysis. */
  async recording(uow: UnitOfWork, call: CallEntity, params: Record<string, string>): Promise<void> {
    const url = params['RecordingUrl'];
    const status = params['RecordingStatus'];
    if (!url || (status && status !== 'completed')) return;
    const analysis = {
      ...call.analysis,
      recording: { sid: params['RecordingSid'] ?? null, duration_seconds: intParam(params['RecordingDuration']) },
    };
    await this.save(uow, call, { recordingUrl: url, analysis }, ['recording_url']);
  }

  /** Who answered (human, machine_start, fax, …); a machine makes the outcome "voicemail". */
  async answeringMachine(uow: UnitOfWork, call: CallEntity, params: Record<string, string>): Promise<void> {
    const answeredBy = params['AnsweredBy'];
    if (!answeredBy) return;
    const analysis = {
      ...call.analysis,
      answered_by: answeredBy,
      machine_detection_ms: intParam(params['MachineDetectionDuration']),
      answered_by_reported_at: (twilioTimestamp(params['Timestamp']) ?? new Date()).toISOString(),
    };
    const changes = ['analysis'];
    const patch: Partial<CallEntity> = { analysis };
    if (answeredByMachine(answeredBy) && call.outcome === null) {
      patch.outcome = 'voicemail';
      changes.push('outcome');
    }
    await this.save(uow, call, patch, changes);
  }

  private save(uow: UnitOfWork, call: CallEntity, patch: Partial<CallEntity>, changes: string[]): Promise<void> {
    return this.lifecycle.update(uow, call, patch, changes);
  }
}
