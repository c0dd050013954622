import { Inject, Injectable } from '@nestjs/common';
import type {
  PhoneAnsweredRequest, PhoneMachineRequest, PhoneSpeechRequest, PhoneTurnDto, RequestContext,
} from '@parley/contracts';
import { NotFoundException } from '@parley/platform';
import { ConversationRunner, type LoadedConversation } from '../conversation/conversation-runner';
import { VoiceCallService } from '../conversation/voice-call.service';
import { OpenAIClients } from '../settings/openai-clients';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { isMachine, sayVoice, SILENCE_GOODBYE, SILENCE_PROMPT } from './phone-lines';

/**
 * The conversation of a phone call, one webhook at a time (telephony asks, and turns the answer
 * into TwiML): answered → the opening (or a Media Stream for the Realtime path, or a voicemail for
 * a machine); speech → the next turn; silence → a prompt, then a polite goodbye; a transfer or
 * an ending → the matching mode. Every answer is safe to ask for again (Twilio retries webhooks).
 */
@Injectable()
export class PhoneConversationService {
  constructor(
    private readonly runner: ConversationRunner,
    private readonly voiceCalls: VoiceCallService,
    private readonly clients: OpenAIClients,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async answered(req: PhoneAnsweredRequest, ctx: RequestContext): Promise<PhoneTurnDto> {
    const existing = await this.runner.loadByCallId(req.call_id, ctx);
    const call = existing?.call ?? await this.voiceCalls.createEntity({
      ai_agent_id: req.ai_agent_id,
      call_id: req.call_id,
      call_type: 'phone',
      ...(req.lead_id ? { lead_id: req.lead_id } : {}),
      ...(req.remote_number ? { phone_number: req.remote_number } : {}),
    }, ctx, 'phone');
    return this.runner.serialize(call.id, async () => {
      const conv = await this.runner.load(call.id, ctx);
      if (conv.call.status === 'ended') return this.turn(conv, 'hangup', this.lastAiLine(conv));
      if (isMachine(req.answered_by)) return this.voicemail(conv, ctx);
      if (conv.call.status === 'active') return this.resume(conv);
      if (await this.streams(conv)) {
        await this.runner.activate(conv, ctx);
        return this.turn(conv, 'stream', null);
      }
      const { reply } = await this.runner.open(conv, ctx);
      return this.turn(conv, 'gather', reply);
    });
  }

  async speech(req: PhoneSpeechRequest, ctx: RequestContext): Promise<PhoneTurnDto> {
    const conv = await this.phoneConversation(req.call_id, ctx);
    return this.runner.serialize(conv.call.id, async () => {
      const fresh = await this.runner.load(conv.call.id, ctx);
      if (fresh.call.status === 'ended') return this.turn(fresh, 'hangup', null);
      if (fresh.call.status === 'created') await this.runner.open(fresh, ctx);
      const text = req.text.trim();
      if (!text) return this.silence(fresh, ctx);
      if (fresh.call.memory.silentTurns > 0) fresh.call.memory = { ...fresh.call.memory, silentTurns: 0 };
      const outcome = await this.runner.takeTurn(fresh, text, ctx, 'telephony');
      const reply = outcome.result.ai_response;
      if (outcome.transfer) {
        const summary = outcome.transfer.summary || outcome.ended?.summary.text || '';
        return { ...this.turn(fresh, 'transfer', reply), transfer: { reason: outcome.transfer.reason, summary } };
      }
      return this.turn(fresh, outcome.result.should_continue ? 'gather' : 'hangup', reply);
    });
  }

  /** Asynchronous AMD found a machine after the call was answered: leave the voicemail and hang up. */
  async machine(req: PhoneMachineRequest, ctx: RequestContext): Promise<PhoneTurnDto> {
    const conv = await this.phoneConversation(req.call_id, ctx);
    return this.runner.serialize(conv.call.id, async () => {
      const fresh = await this.runner.load(conv.call.id, ctx);
      if (fresh.call.status === 'ended') return this.turn(fresh, 'hangup', null);
      if (!isMachine(req.answered_by)) return this.resume(fresh);
      return this.voicemail(fresh, ctx);
    });
  }

  private async voicemail(conv: LoadedConversation, ctx: RequestContext): Promise<PhoneTurnDto> {
    const message = await this.runner.voicemail(conv);
    await this.runner.say(conv, message, ctx, { ...conv.call.memory, outcome: 'voicemail' });
    await this.runner.finish(conv, 'voicemail', ctx);
    return this.turn(conv, 'hangup', message);
  }

  /** The caller said nothing: ask once more, or after PHONE_SILENCE_LIMIT silent turns say goodbye. */
  private async silence(conv: LoadedConversation, ctx: RequestContext): Promise<PhoneTurnDto> {
    const silentTurns = conv.call.memory.silentTurns + 1;
    const giveUp = silentTurns >= this.config.PHONE_SILENCE_LIMIT;
    const line = giveUp ? SILENCE_GOODBYE : SILENCE_PROMPT;
    await this.runner.say(conv, line, ctx, { ...conv.call.memory, silentTurns, ...(giveUp ? { outcome: conv.call.memory.outcome ?? 'hung_up' } : {}) });
    if (!giveUp) return this.turn(conv, 'gather', line);
    await this.runner.finish(conv, 'silence', ctx);
    return this.turn(conv, 'hangup', line);
  }

  /** An answered webhook again for a conversation under way: what was last said, or the stream again. */
  private async resume(conv: LoadedConversation): Promise<PhoneTurnDto> {
    if (conv.turns.length === 0 && await this.streams(conv)) return this.turn(conv, 'stream', null);
    return this.turn(conv, 'gather', this.lastAiLine(conv));
  }

  /** The Realtime path: an openai conversation, a usable client, and media streams taken by this service. */
  private async streams(conv: LoadedConversation): Promise<boolean> {
    return conv.call.provider === 'openai' && this.config.VOICE_MEDIA_STREAMS && (await this.clients.configured(conv.call.tenantId));
  }

  private lastAiLine(conv: LoadedConversation): string | null {
    const said = conv.turns.filter((t) => t.speaker === 'ai');
    return said.length > 0 ? said[said.length - 1].text : null;
  }

  private async phoneConversation(callId: string, ctx: RequestContext): Promise<LoadedConversation> {
    const conv = await this.runner.loadByCallId(callId, ctx);
    if (!conv) throw new NotFoundException('conversation of call', callId);
    return conv;
  }

  private turn(conv: LoadedConversation, mode: PhoneTurnDto['mode'], say: string | null): PhoneTurnDto {
    return { mode, say, voice: mode === 'stream' ? conv.call.voice : sayVoice(conv.call.voice), voice_call_id: conv.call.id };
  }
}
