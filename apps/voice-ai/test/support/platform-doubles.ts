import { randomUUID } from 'node:crypto';
import {
  ComplianceSubjects, ErrorCode, IdentitySubjects, KnowledgeSubjects, LeadsSubjects, TelephonySubjects,
  type ActivityDto, type BusinessConfigView, type DocumentDto, type EscalationDto, type LeadDto, type LeadStatus, type SearchHitDto,
  type TelephonySettingsView,
} from '@parley/contracts';
import { testInfra } from '@parley/testing';
import { ResponderError, startServiceResponder, type ServiceResponder } from './service-responder';

/** Status moves leads allows (its LeadLifecycle), so a refused move answers 422 as leads would. */
const LEAD_MOVES: Record<LeadStatus, LeadStatus[]> = {
  new: ['contacted', 'qualified', 'closed_lost', 'do_not_contact'],
  contacted: ['qualified', 'proposal', 'closed_lost', 'do_not_contact'],
  qualified: ['proposal', 'contacted', 'closed_won', 'closed_lost', 'do_not_contact'],
  proposal: ['closed_won', 'closed_lost', 'qualified', 'do_not_contact'],
  closed_won: [],
  closed_lost: ['new'],
  do_not_contact: [],
};

export interface KnowledgeChunk {
  title: string;
  heading: string | null;
  content: string;
  knowledge_base?: string;
}

/**
 * The services voice-ai talks to, played by small in-memory responders on the test's prefix:
 * leads (leads, activities), knowledge (a keyword search over chunks the test adds), compliance
 * (the DNC list), telephony (number bindings, escalations, settings) and identity (business configs).
 */
export interface PlatformDoubles {
  leads: ServiceResponder;
  knowledge: ServiceResponder;
  compliance: ServiceResponder;
  telephony: ServiceResponder;
  identity: ServiceResponder;
  addLead(tenantId: string, fields: Partial<LeadDto> & { name: string }): LeadDto;
  lead(tenantId: string, id: string): LeadDto | undefined;
  activities(tenantId: string, leadId: string): ActivityDto[];
  addKnowledge(tenantId: string, chunk: KnowledgeChunk): void;
  /** The number bindNumber uses when the request names none (the tenant's Twilio number); none: 422. */
  setTwilioNumber(tenantId: string, phoneNumber: string): void;
  bindings(tenantId: string): Map<string, string>;
  failBusinessConfigs(tenantId: string): void;
  failKnowledge(tenantId: string): void;
  /** Telephony saves the tenant's next Twilio settings but its answer is lost (voice-ai sees "did not answer"). */
  loseTwilioSaveAnswer(tenantId: string): void;
  twilioSettings(tenantId: string): TelephonySettingsView | undefined;
  close(): Promise<void>;
}

export async function startPlatformDoubles(prefix: string): Promise<PlatformDoubles> {
  const nats = testInfra().NATS_URL;
  const leadsByTenant = new Map<string, Map<string, LeadDto>>();
  const activitiesByLead = new Map<string, ActivityDto[]>();
  const chunks = new Map<string, Array<KnowledgeChunk & { id: string }>>();
  const twilioNumbers = new Map<string, string>();
  const bindingsByTenant = new Map<string, Map<string, string>>();
  const telephonySettings = new Map<string, TelephonySettingsView>();
  const failingBusiness = new Set<string>();
  const failingKnowledge = new Set<string>();
  const losingTwilioAnswers = new Set<string>();
  const documents = new Map<string, DocumentDto>();
  const tenantOf = (ctx: { tenant_id: string | null }) => ctx.tenant_id as string;
  const leadsOf = (tenantId: string) => leadsByTenant.get(tenantId) ?? leadsByTenant.set(tenantId, new Map()).get(tenantId) as Map<string, LeadDto>;
  const bindingsOf = (tenantId: string) => bindingsByTenant.get(tenantId) ?? bindingsByTenant.set(tenantId, new Map()).get(tenantId) as Map<string, string>;
  const findLead = (tenantId: string, id: string) => {
    const lead = leadsOf(tenantId).get(id);
    if (!lead) throw new ResponderError(ErrorCode.NotFound, 'lead not found');
    return lead;
  };

  const leads = await startServiceResponder(nats, prefix, 'leads', {
    [LeadsSubjects.getLead]: (data, ctx) => findLead(tenantOf(ctx), data.id),
    [LeadsSubjects.patchLead]: (data, ctx) => {
      const lead = findLead(tenantOf(ctx), data.id);
      if (data.status && data.status !== lead.status && !LEAD_MOVES[lead.status].includes(data.status)) {
        throw new ResponderError(ErrorCode.ValidationFailed, `status cannot go from ${lead.status} to ${data.status}`);
      }
      Object.assign(lead, data, { id: lead.id, updated_at: new Date().toISOString() });
      return lead;
    },
    [LeadsSubjects.createActivity]: (data, ctx) => {
      const lead = findLead(tenantOf(ctx), data.id);
      const activity: ActivityDto = {
        id: randomUUID(), lead_id: lead.id, type: data.type, description: data.description ?? null, metadata: data.metadata ?? {},
        actor_id: ctx.user_id, occurred_at: data.occurred_at ?? new Date().toISOString(), created_at: new Date().toISOString(),
      };
      const list = activitiesByLead.get(lead.id) ?? [];
      list.unshift(activity);
      activitiesByLead.set(lead.id, list);
      return { ...activity, lead_score: lead.score };
    },
    [LeadsSubjects.listActivities]: (data, ctx) => {
      findLead(tenantOf(ctx), data.id);
      const list = activitiesByLead.get(data.id) ?? [];
      return { data: list, total: list.length, page: 1, per_page: data.per_page ?? 20, total_pages: 1 };
    },
  });

  const knowledge = await startServiceResponder(nats, prefix, 'knowledge', {
    [KnowledgeSubjects.search]: (data, ctx) => {
      const words = data.query.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 3);
      const bases = data.filters?.knowledge_base;
      const hits: SearchHitDto[] = (chunks.get(tenantOf(ctx)) ?? [])
        .filter((c) => !bases || bases.includes(c.knowledge_base ?? 'default'))
        .map((c) => ({ chunk: c, score: words.filter((w) => `${c.heading ?? ''} ${c.content}`.toLowerCase().includes(w)).length }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, data.limit ?? 10)
        .map(({ chunk, score }) => ({
          chunk_id: chunk.id, score, heading: chunk.heading, snippet: chunk.content.slice(0, 120), content: chunk.content,
          source: { type: 'faq', document_id: chunk.id, product_id: null, title: chunk.title, url: null, category: null, knowledge_base: chunk.knowledge_base ?? 'default' },
          ranks: { text: 1, vector: null },
        }));
      return { query: data.query, mode: 'full_text', hits, took_ms: 1 };
    },
    [KnowledgeSubjects.createDocuments]: (data, ctx) => {
      if (failingKnowledge.has(tenantOf(ctx))) throw new ResponderError(ErrorCode.ServiceUnavailable, 'knowledge service did not answer');
      const now = new Date().toISOString();
      const docs: DocumentDto[] = [
        ...(data.faq_text ? [{ title: 'FAQ', type: 'faq' as const, source: null }] : []),
        ...(data.websites ?? []).map((url) => ({ title: url, type: 'website' as const, source: url })),
      ].map((d) => ({
        id: randomUUID(), ...d, status: 'pending', error: null, category: null, knowledge_base: data.knowledge_base ?? 'default', language: 'en',
        size_bytes: null, page_count: null, chunk_count: 0, metadata: {}, created_at: now, updated_at: now, processed_at: null,
      }));
      for (const doc of docs) documents.set(doc.id, doc);
      return { documents: docs };
    },
    [KnowledgeSubjects.deleteDocument]: (data) => {
      if (!documents.delete(data.id)) throw new ResponderError(ErrorCode.NotFound, 'document not found');
      return { message: 'deleted' };
    },
  });

  const compliance = await startServiceResponder(nats, prefix, 'compliance', {
    [ComplianceSubjects.addDnc]: (data, ctx) => ({
      phone_number: data.phone_number, reason: data.reason ?? null, source: data.source ?? 'manual', created_by: ctx.user_id,
      created_at: new Date().toISOString(), already_listed: false,
    }),
  });

  const telephony = await startServiceResponder(nats, prefix, 'telephony', {
    [TelephonySubjects.bindNumber]: (data, ctx) => {
      const number = data.phone_number ?? twilioNumbers.get(tenantOf(ctx));
      if (!number) throw new ResponderError(ErrorCode.ValidationFailed, 'telephony is not configured: save a Twilio account first');
      bindingsOf(tenantOf(ctx)).set(number, data.ai_agent_id);
      return { phone_number: number, ai_agent_id: data.ai_agent_id, bound_at: new Date().toISOString() };
    },
    [TelephonySubjects.unbindNumber]: (data, ctx) => {
      const bindings = bindingsOf(tenantOf(ctx));
      const unbound = [...bindings].filter(([, agent]) => agent === data.ai_agent_id).map(([number]) => number);
      for (const number of unbound) bindings.delete(number);
      return { unbound };
    },
    [TelephonySubjects.escalateCall]: (data): EscalationDto => ({
      id: randomUUID(), call_id: data.call_id, lead_id: null, status: 'queued', agent_id: null, agent_client_identity: null,
      selected_by: null, routing_rule_applied: null, selection_reason: 'no agent available', reason: data.reason ?? null,
      summary: data.summary ?? null, queue_name: 'support', queue_position: 1, outcome: null, requested_by: null,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(), completed_at: null,
    }),
    [TelephonySubjects.getSettings]: (_data, ctx) => telephonySettings.get(tenantOf(ctx)) ?? {
      twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null, public_base_url: null, configured: false, updated_at: null,
    },
    [TelephonySubjects.updateSettings]: (data, ctx) => {
      const view: TelephonySettingsView = {
        twilio_account_sid: data.twilio_account_sid, twilio_auth_token: '••••••••abcd', twilio_phone_number: data.twilio_phone_number,
        public_base_url: data.public_base_url ?? null, configured: true, updated_at: new Date().toISOString(),
      };
      telephonySettings.set(tenantOf(ctx), view);
      twilioNumbers.set(tenantOf(ctx), data.twilio_phone_number);
      if (losingTwilioAnswers.delete(tenantOf(ctx))) throw new ResponderError(ErrorCode.ServiceUnavailable, 'telephony service did not answer');
      return view;
    },
    [TelephonySubjects.deleteSettings]: (_data, ctx) => {
      if (!telephonySettings.delete(tenantOf(ctx))) throw new ResponderError(ErrorCode.NotFound, 'Twilio settings not found');
      twilioNumbers.delete(tenantOf(ctx));
      return { message: 'telephony settings deleted' };
    },
  });

  const businessConfigs = new Map<string, BusinessConfigView>();
  const identity = await startServiceResponder(nats, prefix, 'identity', {
    [IdentitySubjects.createBusinessConfig]: (data, ctx) => {
      if (failingBusiness.has(tenantOf(ctx))) throw new ResponderError(ErrorCode.ValidationFailed, 'website must be reachable');
      const view = {
        id: randomUUID(), company_name: data.company_name, industry: data.industry ?? null, website: data.website ?? null,
        description: data.description ?? null,
      } as BusinessConfigView;
      businessConfigs.set(view.id, view);
      return view;
    },
    [IdentitySubjects.deleteBusinessConfig]: (data) => {
      if (!businessConfigs.delete(data.id)) throw new ResponderError(ErrorCode.NotFound, 'business config not found');
      return { message: 'deleted' };
    },
  });

  return {
    leads, knowledge, compliance, telephony, identity,
    addLead(tenantId, fields) {
      const now = new Date().toISOString();
      const lead: LeadDto = {
        id: randomUUID(), email: null, phone: null, company: null, title: null, industry: null, company_size: null, annual_revenue: null,
        budget: null, website: null, country: null, source: 'test', status: 'new', priority: 'warm', score: 0.5, score_breakdown: null,
        campaign_id: null, assigned_to: null, tags: [], notes: null, custom_fields: {}, last_contacted_at: null, created_at: now, updated_at: now,
        ...fields,
      };
      leadsOf(tenantId).set(lead.id, lead);
      return lead;
    },
    lead: (tenantId, id) => leadsOf(tenantId).get(id),
    activities: (_tenantId, leadId) => activitiesByLead.get(leadId) ?? [],
    addKnowledge(tenantId, chunk) {
      const list = chunks.get(tenantId) ?? [];
      list.push({ ...chunk, id: randomUUID() });
      chunks.set(tenantId, list);
    },
    setTwilioNumber: (tenantId, phoneNumber) => void twilioNumbers.set(tenantId, phoneNumber),
    bindings: (tenantId) => bindingsOf(tenantId),
    failBusinessConfigs: (tenantId) => void failingBusiness.add(tenantId),
    failKnowledge: (tenantId) => void failingKnowledge.add(tenantId),
    loseTwilioSaveAnswer: (tenantId) => void losingTwilioAnswers.add(tenantId),
    twilioSettings: (tenantId) => telephonySettings.get(tenantId),
    async close() {
      await Promise.all([leads.close(), knowledge.close(), compliance.close(), telephony.close(), identity.close()]);
    },
  };
}
