import type {
  AiAgentChannel, AiAgentTone, AiAgentTool, ConversationActionDto, ConversationAnalyticsDto, ConversationProvider,
  ConversationSummaryDto, ExtractionFieldDto, GroundingSourceDto, QaScoreDto, SearchHitDto, TurnAnalysisDto,
} from '@parley/contracts';
import type { ConversationMemory } from './conversation-memory';

/** The agent as an engine sees it (mapped from the entity; no Nest, no TypeORM). */
export interface AgentProfile {
  id: string;
  name: string;
  role: string | null;
  instructions: string | null;
  greeting: string;
  companyName: string | null;
  tone: AiAgentTone;
  knowledgeBases: string[];
  tools: AiAgentTool[];
  extractionFields: ExtractionFieldDto[];
  /** Chat model (openai provider). */
  model: string | null;
  language: string;
}

/** What the engine knows of the person on the line. */
export interface LeadFacts {
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  industry: string | null;
  phone: string | null;
  email: string | null;
  status: string;
  score: number;
}

export interface TranscriptLine {
  speaker: 'caller' | 'ai';
  text: string;
}

export interface ConversationContext {
  voiceCallId: string;
  tenantId: string;
  agent: AgentProfile;
  lead: LeadFacts | null;
  purpose: string | null;
  channel: AiAgentChannel;
  /** The number on the line (E.164), for opt-outs. */
  remoteNumber: string | null;
  memory: ConversationMemory;
  /** Every turn so far, oldest first. */
  history: TranscriptLine[];
  now: Date;
  /** Zone spoken times ("tomorrow at 3") are read in. */
  timezone: string;
}

/**
 * What an engine may do for the caller. Each call is real (NATS to knowledge, leads, compliance,
 * telephony) and answers the action it took; the engine reports those in its turn.
 */
export interface ConversationTools {
  /** Knowledge hits for a question, scoped to the agent's knowledge bases; [] when knowledge does not answer in time. */
  searchKnowledge(query: string): Promise<SearchHitDto[]>;
  bookCallback(at: Date, note: string): Promise<ConversationActionDto>;
  updateLead(fields: { status?: string; notes?: string; tags?: string[]; custom_fields?: Record<string, unknown> }): Promise<ConversationActionDto>;
  /** The caller asked not to be called again: their number goes on the tenant's DNC list (source opt_out). */
  optOut(reason: string): Promise<ConversationActionDto>;
  transferToHuman(reason: string, summary: string): Promise<ConversationActionDto>;
  endCall(reason: string): Promise<ConversationActionDto>;
}

/** Time spent outside our code during a turn, in ms (the caller measures the total). */
export interface TurnTiming {
  model_ms: number;
  knowledge_ms: number;
}

export interface EngineOpening {
  reply: string;
  memory: ConversationMemory;
  timing: TurnTiming;
}

export interface EngineTurn {
  reply: string;
  analysis: TurnAnalysisDto;
  memory: ConversationMemory;
  /** false once the conversation is over (goodbye, opt-out, transfer, wrong person, voicemail). */
  shouldContinue: boolean;
  actions: ConversationActionDto[];
  sources: GroundingSourceDto[];
  timing: TurnTiming;
}

export interface EngineWrapUp {
  summary: ConversationSummaryDto;
  analytics: ConversationAnalyticsDto;
  /** The agent's extraction fields, filled in where the conversation said them (null where it did not). */
  extracted: Record<string, unknown>;
  qa: QaScoreDto;
  timing: TurnTiming;
}

/** One interface, two providers: `local` (no network) and `openai` (any OpenAI-compatible API). */
export interface ConversationEngine {
  readonly provider: ConversationProvider;
  /** The opening message, from the agent's greeting and the lead. */
  open(ctx: ConversationContext): Promise<EngineOpening>;
  respond(ctx: ConversationContext, callerText: string, tools: ConversationTools): Promise<EngineTurn>;
  /** A message left on an answering machine. */
  voicemail(ctx: ConversationContext): Promise<string>;
  /** Summary, analytics, extraction and QA once the conversation has ended; `durationSeconds` from start to end. */
  wrapUp(ctx: ConversationContext, durationSeconds: number, responseTimesMs: number[]): Promise<EngineWrapUp>;
}
