import { nextBestAction, type LeadSignals } from '../next-best-action';

const now = new Date('2030-03-04T15:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const hoursAhead = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

function signals(overrides: Partial<LeadSignals> = {}, lead: Partial<LeadSignals['lead']> = {}): LeadSignals {
  return {
    lead: { id: 'lead-1', status: 'contacted', score: 0.5, last_contacted_at: hoursAgo(72), ...lead },
    activities: [],
    conversations: [],
    context: null,
    now,
    ...overrides,
  };
}

type Conversation = LeadSignals['conversations'][number];
const conversation = (fields: Partial<Conversation> = {}): Conversation => ({
  at: hoursAgo(2), call_type: 'phone', ended: true, sentiment: 0.2, outcome: null, recommendation: 'follow_up',
  state_reached: 'presentation', callback_at: null, objections: [], interest_signals: [], ...fields,
});

describe('nextBestAction', () => {
  it('never contacts a lead that opted out, whatever else is true', () => {
    const rec = nextBestAction(signals({ conversations: [conversation({ outcome: 'opted_out', callback_at: hoursAhead(1) })] }, { score: 0.95 }));
    expect(rec).toMatchObject({ action: 'do_not_contact', channel: 'none', suggested_at: null });
    expect(rec.reasons[0]).toMatch(/asked not to be contacted/);
    expect(rec.talking_points).toEqual(['Do not call, text or email this lead.']);
  });

  it('calls back at the promised time, and now when it is due', () => {
    const booked = hoursAhead(20);
    const later = nextBestAction(signals({ activities: [{ type: 'callback_scheduled', occurred_at: hoursAgo(1), metadata: { callback_at: booked } }] }));
    expect(later).toMatchObject({ action: 'schedule_callback', priority: 'high', suggested_at: booked });
    const due = nextBestAction(signals({ conversations: [conversation({ callback_at: hoursAhead(0.1) })] }));
    expect(due).toMatchObject({ action: 'call_now', priority: 'urgent' });
  });

  it('ignores callbacks long past', () => {
    const rec = nextBestAction(signals({ conversations: [conversation({ callback_at: hoursAgo(30) })] }));
    expect(rec.action).not.toBe('schedule_callback');
  });

  it('hands a soured conversation to a person', () => {
    const rec = nextBestAction(signals({ conversations: [conversation({ sentiment: -0.7 })] }));
    expect(rec).toMatchObject({ action: 'escalate_to_human', priority: 'high' });
    expect(rec.reasons[0]).toContain('-0.7');
    expect(rec.facts.last_sentiment).toBe(-0.7);
  });

  it('closes when the lead agreed, and schedules a requested demo', () => {
    expect(nextBestAction(signals({ conversations: [conversation({ outcome: 'agreed', recommendation: 'close_won' })] })).action).toBe('close');
    const demo = nextBestAction(signals({ activities: [{ type: 'demo_requested', occurred_at: hoursAgo(48), metadata: {} }] }));
    expect(demo.action).toBe('schedule_demo');
  });

  it('sends a proposal to a qualified lead that looked at pricing, with talking points from its objections', () => {
    const rec = nextBestAction(signals({
      activities: [{ type: 'pricing_viewed', occurred_at: hoursAgo(5), metadata: {} }],
      conversations: [conversation({ objections: ['price', 'authority'], interest_signals: ['asked about pricing'] })],
      context: 'CFO joins next week',
    }, { status: 'qualified' }));
    expect(rec.action).toBe('send_proposal');
    expect(rec.talking_points).toEqual([
      expect.stringContaining('Price came up'),
      expect.stringContaining('decision maker'),
      'They showed interest: asked about pricing.',
      'Keep in mind: CFO joins next week',
    ]);
  });

  it('calls a hot lead not contacted today, and emails a cold one never contacted', () => {
    expect(nextBestAction(signals({}, { score: 0.85 }))).toMatchObject({ action: 'call_now', priority: 'high' });
    expect(nextBestAction(signals({}, { score: 0.2, last_contacted_at: null }))).toMatchObject({ action: 'send_email', channel: 'email' });
    expect(nextBestAction(signals({}, { score: 0.2 }))).toMatchObject({ action: 'nurture' });
  });

  it('reports the facts it used', () => {
    const rec = nextBestAction(signals({
      activities: [{ type: 'call_made', occurred_at: hoursAgo(80), metadata: {} }, { type: 'email_opened', occurred_at: hoursAgo(40), metadata: {} }],
      conversations: [conversation({ at: hoursAgo(3) })],
    }));
    expect(rec.facts).toEqual({ score: 0.5, status: 'contacted', activities: 2, calls: 1, last_contacted_at: hoursAgo(3), last_sentiment: 0.2 });
    expect(rec.confidence).toBeGreaterThan(0);
    expect(rec.confidence).toBeLessThanOrEqual(1);
  });
});
