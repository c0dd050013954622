import type { AgentProfile, ConversationContext, ConversationTools } from '../../conversation-engine';
import { newConversationMemory } from '../../conversation-memory';
import type { ConversationActionDto, SearchHitDto } from '@parley/contracts';

/** An agent on the openai provider with every tool, as the engine sees it. */
export function agentProfile(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Ava',
    role: 'sales development rep',
    instructions: 'Book a demo with interested prospects.',
    greeting: '',
    companyName: 'Parley',
    tone: 'friendly',
    knowledgeBases: ['sales'],
    tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
    extractionFields: [],
    model: null,
    language: 'en-US',
    ...overrides,
  };
}

export function conversation(overrides: Partial<ConversationContext> = {}): ConversationContext {
  return {
    voiceCallId: '00000000-0000-4000-8000-000000000002',
    tenantId: '00000000-0000-4000-8000-000000000003',
    agent: agentProfile(),
    lead: {
      id: '00000000-0000-4000-8000-000000000004', name: 'Dana Reyes', company: 'Acme Logistics', title: 'Head of Operations',
      industry: 'logistics', phone: '+15550100', email: 'dana@acme.test', status: 'new', score: 72,
    },
    purpose: 'follow up on the pricing page visit',
    channel: 'phone',
    remoteNumber: '+15550100',
    memory: newConversationMemory(),
    history: [{ speaker: 'ai', text: 'Hi Dana, this is Ava from Parley. Do you have a minute?' }],
    now: new Date('2030-03-04T14:00:00Z'),
    timezone: 'America/New_York',
    ...overrides,
  };
}

export interface RecordedTools extends ConversationTools {
  calls: Array<{ tool: string; args: unknown[] }>;
}

/** ConversationTools answering like the real ones, remembering every call (a double of our own interface). */
export function recordingTools(hits: SearchHitDto[] = []): RecordedTools {
  const calls: RecordedTools['calls'] = [];
  const act = (tool: string, args: unknown[], action: ConversationActionDto) => {
    calls.push({ tool, args });
    return Promise.resolve(action);
  };
  return {
    calls,
    searchKnowledge: (query) => {
      calls.push({ tool: 'searchKnowledge', args: [query] });
      return Promise.resolve(hits);
    },
    bookCallback: (at, note) => act('bookCallback', [at, note], { type: 'callback_booked', callback_at: at.toISOString(), timezone: 'America/New_York', lead_id: 'lead-1' }),
    updateLead: (fields) => act('updateLead', [fields], { type: 'lead_updated', lead_id: 'lead-1', fields: Object.keys(fields) }),
    optOut: (reason) => act('optOut', [reason], { type: 'dnc_added', phone_number: '+15550100' }),
    transferToHuman: (reason, summary) => act('transferToHuman', [reason, summary], { type: 'transfer_requested', reason, escalation_id: 'esc-1' }),
    endCall: (reason) => act('endCall', [reason], { type: 'call_ended', reason }),
  };
}

export function knowledgeHit(content: string, title = 'Pricing'): SearchHitDto {
  return {
    chunk_id: `chunk-${title.toLowerCase()}`, score: 0.9, heading: title, snippet: content.slice(0, 80), content,
    source: { type: 'faq', document_id: 'doc-1', product_id: null, title, url: null, category: null, knowledge_base: 'sales' },
    ranks: { text: 1, vector: 1 },
  };
}
