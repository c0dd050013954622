import type { ConversationActionDto, SearchHitDto } from '@parley/contracts';
import type { ConversationTools } from '../../../conversation-engine';

export interface KnowledgeDoc {
  title: string;
  heading: string | null;
  content: string;
}

/** An in-memory ConversationTools: knowledge is a word-overlap search over a few docs; every call is recorded. */
export class FakeConversationTools implements ConversationTools {
  readonly searches: string[] = [];
  readonly callbacks: Array<{ at: Date; note: string }> = [];
  readonly leadUpdates: Array<Parameters<ConversationTools['updateLead']>[0]> = [];
  readonly optOuts: string[] = [];
  readonly transfers: Array<{ reason: string; summary: string }> = [];
  readonly ends: string[] = [];

  constructor(
    private readonly docs: KnowledgeDoc[] = [],
    private readonly opts: { leadId?: string | null; phone?: string; timezone?: string; searchDelayMs?: number } = {},
  ) {}

  async searchKnowledge(query: string): Promise<SearchHitDto[]> {
    this.searches.push(query);
    if (this.opts.searchDelayMs) await new Promise((resolve) => setTimeout(resolve, this.opts.searchDelayMs));
    const words = new Set(query.toLowerCase().match(/[a-z]{3,}/g) ?? []);
    return this.docs
      .map((doc, i) => ({ doc, i, score: (`${doc.title} ${doc.heading ?? ''} ${doc.content}`.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => words.has(w)).length }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .map(({ doc, i, score }) => ({
        chunk_id: `chunk-${i}`, score, heading: doc.heading, snippet: doc.content.slice(0, 80), content: doc.content,
        source: { type: 'faq', document_id: `doc-${i}`, product_id: null, title: doc.title, url: null, category: null, knowledge_base: 'default' },
        ranks: { text: 1, vector: null },
      }) as SearchHitDto);
  }

  async bookCallback(at: Date, note: string): Promise<ConversationActionDto> {
    this.callbacks.push({ at, note });
    return { type: 'callback_booked', callback_at: at.toISOString(), timezone: this.opts.timezone ?? 'UTC', lead_id: this.opts.leadId ?? null };
  }

  async updateLead(fields: Parameters<ConversationTools['updateLead']>[0]): Promise<ConversationActionDto> {
    this.leadUpdates.push(fields);
    return { type: 'lead_updated', lead_id: this.opts.leadId ?? 'lead-1', fields: Object.keys(fields) };
  }

  async optOut(reason: string): Promise<ConversationActionDto> {
    this.optOuts.push(reason);
    return { type: 'dnc_added', phone_number: this.opts.phone ?? '+15550100' };
  }

  async transferToHuman(reason: string, summary: string): Promise<ConversationActionDto> {
    this.transfers.push({ reason, summary });
    return { type: 'transfer_requested', reason, escalation_id: 'esc-1' };
  }

  async endCall(reason: string): Promise<ConversationActionDto> {
    this.ends.push(reason);
    return { type: 'call_ended', reason };
  }
}
