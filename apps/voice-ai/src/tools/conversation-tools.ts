import { Logger } from '@nestjs/common';
import {
  ComplianceSubjects, ErrorCode, LeadsSubjects, TelephonySubjects,
  type ConversationActionDto, type PatchLeadRequest, type RequestContext, type RequestOf, type ResponseOf, type SearchHitDto,
  type Subject,
} from '@parley/contracts';
import { DomainException, type ServiceBus } from '@parley/platform';
import type { AgentProfile, ConversationTools, LeadFacts } from '../engine/conversation-engine';
import { elapsedMs } from '../conversation/turn-latency';
import type { KnowledgeSearch } from './knowledge-search';

/** Lead statuses an opt-out may still move (closed ones are final in leads' lifecycle). */
const OPEN_LEAD_STATUSES = new Set(['new', 'contacted', 'qualified', 'proposal']);

/**
 * Who hands a transfer to a human. `telephony`: a phone call on Gather: telephony escalates when
 * the turn answers mode `transfer`. `voice-ai`: anything else with a phone call (the realtime media
 * bridge): we ask telephony to escalate the live call ourselves.
 */
export type TransferHandoff = 'telephony' | 'voice-ai';

/** The conversation a set of tools acts for. */
export interface ConversationScope {
  ctx: RequestContext;
  voiceCallId: string;
  agent: AgentProfile;
  /** Updated in place as tools change the lead (a callback moves a new lead to contacted). */
  lead: LeadFacts | null;
  /** Telephony's call, for phone conversations. */
  callId: string | null;
  remoteNumber: string | null;
  timezone: string;
  transferHandoff: TransferHandoff;
}

export interface ToolLimits {
  serviceTimeoutMs: number;
}

/**
 * The real side effects of a conversation, each a request to the service that owns it: knowledge
 * for answers, leads for callbacks and lead updates, compliance for opt-outs, telephony for
 * transfers. Remembers what the turn asked for that the caller of the engine must act on
 * (a transfer to hand over, a reason to end).
 */
export class CallConversationTools implements ConversationTools {
  private readonly logger = new Logger(CallConversationTools.name);
  /** Time this turn's actions waited for leads, compliance and telephony. */
  servicesMs = 0;
  /** Set when the engine asked for a human; the phone path answers mode `transfer` from it. */
  transferRequest: { reason: string; summary: string } | null = null;
  endReason: string | null = null;

  constructor(
    private readonly bus: ServiceBus,
    private readonly knowledge: KnowledgeSearch,
    private readonly scope: ConversationScope,
    private readonly limits: ToolLimits,
  ) {}

  searchKnowledge(query: string): Promise<SearchHitDto[]> {
    return this.knowledge.hits(this.scope.ctx, query, this.scope.agent.knowledgeBases);
  }

  async bookCallback(at: Date, note: string): Promise<ConversationActionDto> {
    const callbackAt = at.toISOString();
    const lead = this.scope.lead;
    if (lead) {
      const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: this.scope.timezone }).format(at);
      await this.send(LeadsSubjects.createActivity, {
        id: lead.id,
        type: 'callback_scheduled',
        description: note.trim() ? note.trim().slice(0, 2000) : `Callback requested for ${when} (${this.scope.timezone})`,
        metadata: { callback_at: callbackAt, timezone: this.scope.timezone, voice_call_id: this.scope.voiceCallId, ai_agent_id: this.scope.agent.id },
      });
      if (lead.status === 'new') {
        await this.patchLead({ id: lead.id, status: 'contacted' });
        lead.status = 'contacted';
      }
    }
    return { type: 'callback_booked', callback_at: callbackAt, timezone: this.scope.timezone, lead_id: lead?.id ?? null };
  }

  async updateLead(fields: { status?: string; notes?: string; tags?: string[]; custom_fields?: Record<string, unknown> }): Promise<ConversationActionDto> {
    const lead = this.scope.lead;
    // No lead on the line (an anonymous chat): there is nothing to update.
    if (!lead) return { type: 'lead_updated', lead_id: null, fields: [] };
    const current = await this.send(LeadsSubjects.getLead, { id: lead.id });
    const patch: PatchLeadRequest = { id: lead.id };
    if (fields.status) patch.status = fields.status as PatchLeadRequest['status'];
    // Notes, tags and custom fields are added to what people wrote, never replace it.
    if (fields.notes?.trim()) patch.notes = [current.notes, `AI agent ${this.scope.agent.name}: ${fields.notes.trim()}`].filter(Boolean).join('\n').slice(-5000);
    if (fields.tags?.length) patch.tags = [...new Set([...current.tags, ...fields.tags.map((t) => t.trim().slice(0, 60)).filter(Boolean)])].slice(0, 50);
    if (fields.custom_fields && Object.keys(fields.custom_fields).length > 0) patch.custom_fields = { ...current.custom_fields, ...fields.custom_fields };
    const changed = Object.keys(patch).filter((k) => k !== 'id');
    if (changed.length === 0) return { type: 'lead_updated', lead_id: lead.id, fields: [] };
    try {
      const updated = await this.patchLead(patch);
      lead.status = updated.status;
    } catch (error) {
      // leads refused the change (a status move its lifecycle forbids): nothing changed, the conversation goes on.
      if (error instanceof DomainException && error.code === ErrorCode.ValidationFailed) {
        this.logger.warn({ voice_call_id: this.scope.voiceCallId, reason: error.message }, 'lead update refused');
        return { type: 'lead_updated', lead_id: lead.id, fields: [] };
      }
      throw error;
    }
    return { type: 'lead_updated', lead_id: lead.id, fields: changed };
  }

  /** Always honoured, whatever tools the agent has: an opt-out is a compliance duty, not a feature. */
  async optOut(reason: string): Promise<ConversationActionDto> {
    const lead = this.scope.lead;
    const number = this.scope.remoteNumber ?? lead?.phone ?? null;
    let added: string | null = null;
    if (number) {
      try {
        const entry = await this.send(
          ComplianceSubjects.addDnc,
          { phone_number: number, source: 'opt_out', reason: reason.trim() ? reason.trim().slice(0, 500) : 'asked not to be called again' });
        added = entry.phone_number;
      } catch (error) {
        // A number compliance cannot read is not a number anyone can dial; any other failure must surface.
        if (!(error instanceof DomainException && error.code === ErrorCode.ValidationFailed)) throw error;
        this.logger.warn({ voice_call_id: this.scope.voiceCallId, reason: error.message }, 'opt-out number refused by compliance');
      }
    }
    if (lead && OPEN_LEAD_STATUSES.has(lead.status)) {
      await this.patchLead({ id: lead.id, status: 'do_not_contact' });
      lead.status = 'do_not_contact';
      if (!added) return { type: 'lead_updated', lead_id: lead.id, fields: ['status'] };
    }
    if (added) return { type: 'dnc_added', phone_number: added };
    return { type: 'call_ended', reason: 'opt_out' };
  }

  async transferToHuman(reason: string, summary: string): Promise<ConversationActionDto> {
    const why = reason.trim().slice(0, 500) || 'the caller asked for a person';
    const brief = summary.trim().slice(0, 4000);
    this.transferRequest = { reason: why, summary: brief };
    if (this.scope.transferHandoff === 'telephony' || !this.scope.callId) {
      return { type: 'transfer_requested', reason: why, escalation_id: null };
    }
    const escalation = await this.send(
      TelephonySubjects.escalateCall,
      { call_id: this.scope.callId, reason: why, ...(brief ? { summary: brief } : {}) });
    return { type: 'transfer_requested', reason: why, escalation_id: escalation.id };
  }

  async endCall(reason: string): Promise<ConversationActionDto> {
    this.endReason = reason.trim() || 'ended by the agent';
    return { type: 'call_ended', reason: this.endReason };
  }

  private patchLead(patch: PatchLeadRequest) {
    return this.send(LeadsSubjects.patchLead, patch);
  }

  /** A request of one of the turn's actions, its wait counted in `servicesMs`. */
  private async send<S extends Subject>(subject: S, data: RequestOf<S>): Promise<ResponseOf<S>> {
    const started = process.hrtime.bigint();
    try {
      return await this.bus.send(subject, data, this.scope.ctx, this.limits.serviceTimeoutMs);
    } finally {
      this.servicesMs += elapsedMs(started);
    }
  }
}
