import { Injectable } from '@nestjs/common';
import type {
  ConversationProvider, RequestContext, VoiceCallStatus, VoiceSettingsView,
} from '@parley/contracts';
import { toAgentProfile } from '../agent/ai-agent.mapper';
import type { AgentProfile, ConversationContext, ConversationTools, LeadFacts } from '../engine/conversation-engine';
import { ConversationToolsFactory } from '../tools/conversation-tools.factory';
import { conversationContext } from './conversation-context';
import { systemContext } from './conversation-recorder';
import { ConversationRunner } from './conversation-runner';

/** Everything the media bridge needs to hold a phone conversation on the Realtime API. */
export interface PhoneConversation {
  voiceCallId: string;
  tenantId: string;
  callId: string;
  provider: ConversationProvider;
  status: VoiceCallStatus;
  agent: AgentProfile;
  lead: LeadFacts | null;
  /** The agent's voice for this call (voice_id is the Realtime voice when provider is openai). */
  voice: VoiceSettingsView;
  remoteNumber: string | null;
  purpose: string | null;
  timezone: string;
  /** Memory and transcript as of now, for the session's instructions. */
  context: ConversationContext;
  /** The conversation's tools; transferToHuman escalates the live call through telephony itself. */
  tools: ConversationTools;
  /** The tenant's background request context, for anything else the bridge asks of other services. */
  ctx: RequestContext;
}

/**
 * Finds the conversation a phone call is having. `forPhoneCall(tenantId, callId)`: null when voice-ai
 * holds no open conversation for telephony's call (unknown call, another tenant's, or ended).
 */
@Injectable()
export class VoiceCallDirectory {
  constructor(
    private readonly runner: ConversationRunner,
    private readonly tools: ConversationToolsFactory,
  ) {}

  async forPhoneCall(tenantId: string, callId: string): Promise<PhoneConversation | null> {
    const ctx = systemContext(tenantId);
    const conv = await this.runner.loadByCallId(callId, ctx).catch(() => null);
    if (!conv || conv.call.status === 'ended') return null;
    const { call } = conv;
    const agent = toAgentProfile(conv.agent);
    const context = conversationContext(call, agent, conv.turns, new Date());
    return {
      voiceCallId: call.id,
      tenantId,
      callId,
      provider: call.provider,
      status: call.status,
      agent,
      lead: context.lead,
      voice: call.voice,
      remoteNumber: call.phoneNumber,
      purpose: call.purpose,
      timezone: call.timezone,
      context,
      tools: this.tools.forConversation({
        ctx, voiceCallId: call.id, agent, lead: context.lead, callId, remoteNumber: call.phoneNumber, timezone: call.timezone,
        transferHandoff: 'voice-ai',
      }),
      ctx,
    };
  }
}
