import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { VoiceAiSubjects, type PhoneTurnDto, type RequestContext } from '@parley/contracts';
import { DomainException, ServiceBus } from '@parley/platform';
import { twilioFailure } from '../call-control/twilio-failure';
import { CallEscalator } from '../escalation/call-escalator';
import { MediaStreamUrls } from '../media/media-stream-urls';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { phoneTurnTwiml } from '../twilio/phone-turn-twiml';
import { spokenVoiceOf } from '../twilio/spoken-voice';
import { TwilioClientFactory } from '../twilio/twilio-client.factory';
import { promptGatherUrl } from '../twilio/twilio-webhook-urls';
import { humanQueueTwiml } from '../twilio/voice-twiml';
import type { AiCall, AiCallStep } from './ai-call-step';

type WebhookStep = Extract<AiCallStep, { kind: 'answered' | 'speech' }>;
type MachineStep = Extract<AiCallStep, { kind: 'machine' }>;

/**
 * Lets voice-ai hold the conversation of a phone call an AI agent answers or places: each webhook
 * asks voice-ai for the next turn (within VOICE_AI_TIMEOUT_MS) and answers Twilio with it as TwiML
 * (phoneTurnTwiml). A `transfer` turn opens an escalation, whose TwiML (warm transfer or the human
 * queue, with the conversation's summary) is the answer. When voice-ai cannot say what comes next
 * (down, too slow, or it refused), the caller waits in the human queue: nobody is left in silence.
 */
@Injectable()
export class AiCallResponder {
  private readonly logger = new Logger(AiCallResponder.name);

  constructor(
    private readonly bus: ServiceBus,
    private readonly escalator: CallEscalator,
    private readonly mediaStreams: MediaStreamUrls,
    private readonly twilio: TwilioClientFactory,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  /** The TwiML answer to the voice or gather webhook of a call an AI agent holds. */
  async answer(step: WebhookStep, account: TwilioAccount, ctx: RequestContext): Promise<string> {
    const turn = await this.nextTurn(step, ctx);
    if (!turn) return humanQueueTwiml(account.tenantId);
    return this.twimlOf(turn, step.call, account, ctx);
  }

  /**
   * Async AMD found an answering machine once the call was up: voice-ai's voicemail replaces
   * whatever the call is running (a REST update of the live call, as Twilio reports AMD apart).
   */
  async leaveVoicemail(step: MachineStep, account: TwilioAccount, ctx: RequestContext): Promise<void> {
    const callSid = step.call.providerCallId;
    const turn = callSid ? await this.nextTurn(step, ctx) : null;
    if (!callSid || !turn) return;
    const twiml = await this.twimlOf(turn, step.call, account, ctx);
    try {
      await this.twilio.forAccount(account).calls(callSid).update({ twiml });
    } catch (error) {
      // The machine hung up first, most often: the call simply ends without a message.
      this.logger.warn({ call_id: step.call.id, ...twilioFailure(error) }, 'Twilio did not take the voicemail');
    }
  }

  private async nextTurn(step: AiCallStep, ctx: RequestContext): Promise<PhoneTurnDto | null> {
    const { call } = step;
    const timeout = this.config.VOICE_AI_TIMEOUT_MS;
    try {
      switch (step.kind) {
        case 'answered':
          return await this.bus.send(VoiceAiSubjects.phoneAnswered, {
            call_id: call.id,
            ai_agent_id: call.aiAgentId,
            direction: call.direction,
            ...(call.leadId ? { lead_id: call.leadId } : {}),
            ...(call.remoteNumber ? { remote_number: call.remoteNumber } : {}),
            ...(step.answeredBy ? { answered_by: step.answeredBy } : {}),
          }, ctx, timeout);
        case 'speech':
          return await this.bus.send(VoiceAiSubjects.phoneSpeech, {
            call_id: call.id, text: step.text, ...(step.confidence !== null ? { confidence: step.confidence } : {}),
          }, ctx, timeout);
        case 'machine':
          return await this.bus.send(VoiceAiSubjects.phoneMachine, { call_id: call.id, answered_by: step.answeredBy }, ctx, timeout);
      }
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn(
        { call_id: call.id, ai_agent_id: call.aiAgentId, step: step.kind, code: error.code, reason: error.message },
        'voice-ai gave no next turn: the caller goes to the human queue',
      );
      return null;
    }
  }

  private async twimlOf(turn: PhoneTurnDto, call: AiCall, account: TwilioAccount, ctx: RequestContext): Promise<string> {
    const gather = promptGatherUrl(account.publicBaseUrl, account.tenantId, call.id, randomBytes(6).toString('hex'));
    switch (turn.mode) {
      case 'transfer':
        return phoneTurnTwiml(turn, { gather, handoff: await this.handOff(turn, call, account, ctx) });
      case 'stream': {
        const stream = this.mediaStreams.streamFor(account, call.id, 'voice-ai');
        if (stream) return phoneTurnTwiml(turn, { gather, stream });
        this.logger.warn({ call_id: call.id }, 'voice-ai asked for a Media Stream but MEDIA_STREAMS is off: the caller goes to the human queue');
        return humanQueueTwiml(account.tenantId);
      }
      default:
        return phoneTurnTwiml(turn, { gather });
    }
  }

  /** The escalation's TwiML for a `transfer` turn; the plain human queue when it cannot be opened. */
  private async handOff(turn: PhoneTurnDto, call: AiCall, account: TwilioAccount, ctx: RequestContext): Promise<string> {
    const transfer = turn.transfer ?? { reason: 'the AI agent handed the call to a person', summary: '' };
    try {
      return await this.escalator.handOff(account, call.id, {
        reason: transfer.reason, summary: transfer.summary || null, announcement: turn.say, voice: spokenVoiceOf(turn.voice),
      }, ctx);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn({ call_id: call.id, code: error.code, reason: error.message }, 'the AI agent\'s transfer could not be opened: the caller goes to the human queue');
      return humanQueueTwiml(account.tenantId);
    }
  }
}
