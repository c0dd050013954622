import type { AgentProfile, ConversationContext, ConversationEngine, ConversationTools, EngineTurn, LeadFacts } from '../../../conversation-engine';
import { newConversationMemory } from '../../../conversation-memory';
import type { KnowledgeDoc } from './fake-conversation-tools';

/** Friday 10 January 2025, 10:00 in New York. */
export const NOW = new Date('2025-01-10T15:00:00Z');
export const ZONE = 'America/New_York';

export function agentProfile(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id: 'agent-1', name: 'Ava', role: 'sales', instructions: null,
    greeting: 'Hi {lead_name}, this is {agent_name} from {company}. Do you have a minute?', companyName: 'Parley',
    tone: 'professional', knowledgeBases: [], tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
    extractionFields: [], model: null, language: 'en-US', ...overrides,
  };
}

export function leadFacts(overrides: Partial<LeadFacts> = {}): LeadFacts {
  return {
    id: 'lead-1', name: 'Jane Doe', company: 'Acme Corp', title: 'Head of Sales', industry: 'Software', phone: '+15550100',
    email: null, status: 'new', score: 60, ...overrides,
  };
}

export function conversationContext(overrides: Partial<ConversationContext> = {}): ConversationContext {
  return {
    voiceCallId: 'call-1', tenantId: 'tenant-1', agent: agentProfile(), lead: leadFacts(), purpose: null, channel: 'phone',
    remoteNumber: '+15550100', memory: newConversationMemory(), history: [], now: NOW, timezone: ZONE, ...overrides,
  };
}

export const KNOWLEDGE: KnowledgeDoc[] = [
  {
    title: 'Pricing', heading: 'Plans',
    content: '## Plans\nParley costs **$49 per seat per month** on the Team plan, and $99 per seat on Enterprise. Annual billing saves 15%. Every plan includes unlimited AI calls.',
  },
  {
    title: 'Integrations', heading: 'CRM',
    content: 'Parley integrates with Salesforce and HubSpot out of the box. Calls, transcripts and outcomes sync to the CRM within seconds. Setup takes about ten minutes.',
  },
  {
    title: 'Overview', heading: null,
    content: 'Parley gives outbound sales teams AI agents that call, qualify and book meetings around the clock. Reps spend their time on warm conversations instead of dialing.',
  },
];

/** Drives an engine like the voice-ai service does: history grows by both lines, memory carries over, time moves on. */
export class ScriptedConversation {
  readonly turns: EngineTurn[] = [];
  ctx: ConversationContext;
  opening = '';

  constructor(private readonly engine: ConversationEngine, private readonly tools: ConversationTools, ctx: ConversationContext = conversationContext()) {
    this.ctx = ctx;
  }

  async open(): Promise<string> {
    const opening = await this.engine.open(this.ctx);
    this.opening = opening.reply;
    this.ctx = { ...this.ctx, memory: opening.memory, history: [{ speaker: 'ai', text: opening.reply }] };
    return opening.reply;
  }

  async say(text: string): Promise<EngineTurn> {
    const turn = await this.engine.respond(this.ctx, text, this.tools);
    this.turns.push(turn);
    this.ctx = {
      ...this.ctx, memory: turn.memory, now: new Date(this.ctx.now.getTime() + 15_000),
      history: [...this.ctx.history, { speaker: 'caller', text }, { speaker: 'ai', text: turn.reply }],
    };
    return turn;
  }
}
