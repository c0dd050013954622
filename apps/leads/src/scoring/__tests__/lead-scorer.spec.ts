import type { ActivityType, LeadScoreDto } from '@parley/contracts';
import {
  DEFAULT_SCORE_WEIGHTS, emptyEngagement, LeadScorer, normaliseWeights, priorityOf, type LeadFacts,
} from '../lead-scorer';

const NOW = new Date('2026-03-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

function facts(
  lead: Partial<LeadFacts['lead']> = {},
  counts: Partial<Record<ActivityType, number>> = {},
  extra: { last_activity_at?: Date | null; calls?: Partial<LeadFacts['calls']> } = {},
): LeadFacts {
  const base = emptyEngagement();
  return {
    lead: {
      email: null, phone: null, company: null, title: null, industry: null, company_size: null, annual_revenue: null,
      budget: null, website: null, country: null, source: 'manual', status: 'new', tags: [], created_at: daysAgo(3),
      ...lead,
    },
    activities: { counts, last_activity_at: extra.last_activity_at ?? null },
    calls: { ...base.calls, ...extra.calls },
  };
}

const vpWithDemo = () => facts(
  {
    title: 'VP of Sales', company: 'Acme', company_size: 500, email: 'vp@acme.test', phone: '+14155552671',
    industry: 'Software', budget: 50_000, website: 'https://acme.test',
  },
  { demo_requested: 1, pricing_viewed: 2, website_visit: 4 },
  { last_activity_at: daysAgo(1) },
);
const bouncedAnonymous = () => facts({ email: 'x@nowhere.test' }, { email_sent: 2, email_bounced: 1 });

const allScores = (s: LeadScoreDto) => [
  s.overall_score, s.demographic_score, s.behavioral_score, s.engagement_score, s.intent_score, s.conversion_probability,
];

describe('LeadScorer', () => {
  const scorer = new LeadScorer();
  const score = (f: LeadFacts, weights = DEFAULT_SCORE_WEIGHTS) => scorer.score(f, weights, NOW);

  it('scores a demo-requesting VP at a 500-person company above a bounced anonymous lead', () => {
    const vp = score(vpWithDemo());
    const bounced = score(bouncedAnonymous());
    expect(vp.overall_score).toBeGreaterThan(bounced.overall_score);
    expect(vp.demographic_score).toBeGreaterThan(bounced.demographic_score);
    expect(vp.intent_score).toBeGreaterThan(bounced.intent_score);
    expect(vp.engagement_score).toBeGreaterThan(bounced.engagement_score);
    expect(vp.conversion_probability).toBeGreaterThan(bounced.conversion_probability);
    expect(priorityOf(vp.overall_score)).not.toBe('cold');
    expect(priorityOf(bounced.overall_score)).toBe('cold');
  });

  it('keeps every number in 0..1 with 3 decimals, for empty and maximal leads', () => {
    const maxed = facts(
      {
        title: 'CEO', company: 'Big', company_size: 50_000, annual_revenue: 1e9, budget: 1e7, industry: 'SaaS',
        email: 'a@b.test', phone: '+14155552671', website: 'https://big.test', status: 'proposal',
      },
      {
        demo_requested: 9, pricing_viewed: 9, form_submitted: 9, content_downloaded: 9, website_visit: 99, email_clicked: 9,
        email_opened: 99, email_replied: 9, call_answered: 9, meeting: 9, proposal_sent: 3,
      },
      { last_activity_at: NOW, calls: { total: 9, answered: 9, total_duration_s: 9000, last_sentiment: 1, last_outcome: 'interested' } },
    );
    const awful = facts({ status: 'new' }, { email_bounced: 9, unsubscribed: 1, call_missed: 20 }, {
      calls: { total: 20, answered: 0, last_sentiment: -1, last_outcome: 'not_interested' },
    });
    for (const f of [facts(), maxed, awful, vpWithDemo(), bouncedAnonymous()]) {
      for (const value of allScores(score(f))) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(Math.round(value * 1000) / 1000).toBe(value);
      }
    }
    expect(score(maxed).overall_score).toBeGreaterThanOrEqual(0.9);
    expect(score(awful).overall_score).toBeLessThan(0.05);
  });

  it('computes overall as the weighted mean of the sub-scores with normalised weights', () => {
    const s = score(vpWithDemo(), { demographic: 2, behavioral: 2, engagement: 2, intent: 2 });
    const mean = (s.demographic_score + s.behavioral_score + s.engagement_score + s.intent_score) / 4;
    expect(s.overall_score).toBeCloseTo(mean, 3);
    expect(s.weights).toEqual({ demographic: 0.25, behavioral: 0.25, engagement: 0.25, intent: 0.25 });
  });

  it('moves the overall score with the weights', () => {
    // A great fit that has done nothing yet.
    const fitOnly = facts({ title: 'Chief Revenue Officer', company: 'Acme', company_size: 2000, budget: 200_000, email: 'c@acme.test', phone: '+14155552671' });
    const demographicHeavy = score(fitOnly, { demographic: 1, behavioral: 0, engagement: 0, intent: 0 });
    const intentHeavy = score(fitOnly, { demographic: 0, behavioral: 0, engagement: 0, intent: 1 });
    expect(demographicHeavy.overall_score).toBe(demographicHeavy.demographic_score);
    expect(intentHeavy.overall_score).toBe(intentHeavy.intent_score);
    expect(demographicHeavy.overall_score).toBeGreaterThan(intentHeavy.overall_score);
  });

  it('falls back to the default weights when all are zero', () => {
    expect(normaliseWeights({ demographic: 0, behavioral: 0, engagement: 0, intent: 0 })).toEqual(normaliseWeights(DEFAULT_SCORE_WEIGHTS));
    const zero = score(vpWithDemo(), { demographic: 0, behavioral: 0, engagement: 0, intent: 0 });
    expect(zero.overall_score).toBe(score(vpWithDemo()).overall_score);
  });

  it('explains the facts that drove the score in plain words', () => {
    const vp = score(vpWithDemo());
    expect(vp.factors.positive_factors).toEqual(expect.arrayContaining([
      'Requested a demo', 'Senior title (VP of Sales)', 'Company size of 500 employees', 'Viewed pricing 2 times',
      'Visited the website 4 times', 'Target industry (Software)', 'Budget of 50,000', 'Active in the last 7 days',
    ]));
    expect(vp.factors.recommendations).toEqual(expect.arrayContaining([
      'Call within 24 hours: demo requested', 'Send a proposal: pricing viewed 2 times',
    ]));

    const bounced = score(bouncedAnonymous());
    expect(bounced.factors.negative_factors).toEqual(expect.arrayContaining([
      'Email bounced 1 time', 'No phone number', 'No company', 'No job title', 'No response from the lead yet',
    ]));
    expect(bounced.factors.recommendations).toEqual(expect.arrayContaining([
      'Verify the email address: it bounced', 'Enrich: no phone number', 'Enrich: no company',
    ]));
  });

  it('decays engagement with time and says how long it has been quiet', () => {
    const recent = score(facts({}, { email_replied: 1 }, { last_activity_at: daysAgo(2) }));
    const stale = score(facts({}, { email_replied: 1 }, { last_activity_at: daysAgo(45) }));
    expect(recent.engagement_score).toBeGreaterThan(stale.engagement_score);
    expect(stale.factors.negative_factors).toContain('No activity in 45 days');
    expect(stale.factors.recommendations).toContain('Re-engage: no activity in 45 days');
  });

  it('uses the last call: outcome and sentiment move intent, answered calls move engagement', () => {
    const interested = score(facts({}, { call_answered: 1 }, {
      last_activity_at: daysAgo(0), calls: { total: 1, answered: 1, total_duration_s: 300, last_sentiment: 0.8, last_outcome: 'interested' },
    }));
    const notInterested = score(facts({}, { call_answered: 1 }, {
      last_activity_at: daysAgo(0), calls: { total: 1, answered: 1, total_duration_s: 300, last_sentiment: -0.6, last_outcome: 'not_interested' },
    }));
    expect(interested.intent_score).toBeGreaterThan(notInterested.intent_score);
    expect(interested.factors.positive_factors).toEqual(expect.arrayContaining([
      'Said they are interested on the last call', 'Positive sentiment on the last call (0.8)', 'Answered 1 call (5 min in total)',
    ]));
    expect(notInterested.factors.negative_factors).toEqual(expect.arrayContaining([
      'Said they are not interested on the last call', 'Negative sentiment on the last call (-0.6)',
    ]));
    const callback = score(facts({}, {}, { calls: { total: 1, answered: 1, last_outcome: 'callback_requested' } }));
    expect(callback.factors.recommendations[0]).toBe('Call back: the lead asked for a callback');
  });

  it('pins conversion probability for closed statuses and follows the logistic otherwise', () => {
    const won = score(facts({ status: 'closed_won' }));
    expect(won.conversion_probability).toBe(1);
    expect(won.factors.recommendations).toEqual(['Closed won: hand over to account management']);
    expect(score(facts({ status: 'closed_lost' })).conversion_probability).toBe(0.01);
    const optedOut = score(facts({ status: 'do_not_contact' }));
    expect(optedOut.conversion_probability).toBe(0.01);
    expect(optedOut.factors.negative_factors[0]).toBe('Marked do not contact');

    const open = score(vpWithDemo());
    expect(open.conversion_probability).toBeCloseTo(1 / (1 + Math.exp(-8 * (open.overall_score - 0.55))), 3);
  });

  it('is deterministic: same facts, weights and time give the same answer', () => {
    expect(score(vpWithDemo())).toEqual(score(vpWithDemo()));
    expect(score(vpWithDemo()).scored_at).toBe(NOW.toISOString());
  });

  it('rewards each buying signal: demo and meeting beat a bare lead', () => {
    const bare = score(facts({ email: 'a@b.test' }));
    const withDemo = score(facts({ email: 'a@b.test' }, { demo_requested: 1 }, { last_activity_at: daysAgo(0) }));
    const withDemoAndMeeting = score(facts({ email: 'a@b.test' }, { demo_requested: 1, meeting: 1 }, { last_activity_at: daysAgo(0) }));
    expect(withDemo.overall_score).toBeGreaterThan(bare.overall_score);
    expect(withDemoAndMeeting.overall_score).toBeGreaterThan(withDemo.overall_score);
  });

  it('derives priority from the score', () => {
    expect(priorityOf(0.7)).toBe('hot');
    expect(priorityOf(0.699)).toBe('warm');
    expect(priorityOf(0.4)).toBe('warm');
    expect(priorityOf(0.399)).toBe('cold');
  });
});
