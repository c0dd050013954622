import { conversationInstructions, conversationMessages, fillGreeting, handoverSummary } from '../conversation-prompt';
import { agentProfile, conversation } from './conversation-fixture';

describe('conversation prompt', () => {
  it('tells the model who it is, who it talks to, the time and the states, and only the tools it has', () => {
    const ctx = conversation({ agent: agentProfile({ tools: ['book_callback'] }) });
    const text = conversationInstructions(ctx, 'structured');
    expect(text).toContain('You are Ava, sales development rep at Parley.');
    expect(text).toContain('Book a demo with interested prospects.');
    expect(text).toContain('Dana Reyes, Head of Operations at Acme Logistics (logistics)');
    expect(text).toContain('2030-03-04T14:00:00.000Z');
    expect(text).toContain('America/New_York');
    expect(text).toContain('Current state: greeting.');
    expect(text).toContain('book_callback');
    expect(text).not.toContain('lookup_knowledge');
    expect(text).toContain('Never invent facts');
    expect(text).toContain('JSON schema');
    expect(conversationInstructions(ctx, 'spoken')).not.toContain('JSON schema');
  });

  it('fills the greeting template', () => {
    const ctx = conversation();
    expect(fillGreeting('Hi {lead_name}, {agent_name} from {company} here!', ctx)).toBe('Hi Dana, Ava from Parley here!');
    expect(fillGreeting('Hello {lead_name}!', conversation({ lead: null }))).toBe('Hello there!');
  });

  it('replays the conversation and adds the new caller line once', () => {
    const ctx = conversation();
    const messages = conversationMessages(ctx, 'What does it cost?');
    expect(messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user']);
    expect(messages[2]).toEqual({ role: 'user', content: 'What does it cost?' });
    const saved = conversation({ history: [...ctx.history, { speaker: 'caller', text: 'What does it cost?' }] });
    expect(conversationMessages(saved, 'What does it cost?')).toHaveLength(3);
  });

  it('summarises for a human taking over', () => {
    const ctx = conversation({ memory: { ...conversation().memory, state: 'objection_handling', objections: ['price'] } });
    expect(handoverSummary(ctx, 'Let me talk to your manager')).toBe(
      'Dana Reyes (Acme Logistics); purpose: follow up on the pricing page visit; state: objection_handling; objections: price; last said: "Let me talk to your manager"',
    );
  });
});
