import type { ActivityType, LeadDto, LeadPriority, LeadScoreDto, LeadStatus, ScoreWeights } from '@parley/contracts';

/** Everything the scorer looks at: the lead's own fields plus what happened with it. */
export interface LeadFacts {
  lead: Pick<
    LeadDto,
    'email' | 'phone' | 'company' | 'title' | 'industry' | 'company_size' | 'annual_revenue' | 'budget' | 'website'
    | 'country' | 'source' | 'status' | 'tags'
  > & { created_at: Date };
  /** `last_activity_at`: the latest of LEAD_INTERACTIONS, i.e. the last time the lead did something. */
  activities: { counts: Partial<Record<ActivityType, number>>; last_activity_at: Date | null };
  calls: {
    total: number;
    answered: number;
    total_duration_s: number;
    /** -1..1 of the most recent analysed call. */
    last_sentiment: number | null;
    last_outcome: string | null;
  };
}

/** Activities the lead took part in; our own outreach, notes and failures say nothing about their recency. */
export const LEAD_INTERACTIONS: readonly ActivityType[] = [
  'email_opened', 'email_clicked', 'email_replied', 'call_answered', 'meeting', 'demo_requested',
  'pricing_viewed', 'website_visit', 'form_submitted', 'content_downloaded',
];

/** Intent is the strongest predictor of a sale, demographics the weakest signal of timing. */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { demographic: 0.25, behavioral: 0.25, engagement: 0.2, intent: 0.3 };

/** Industries most teams on Parley sell to; a match is a fit signal, not a requirement. */
export const TARGET_INDUSTRIES = [
  'software', 'saas', 'technology', 'information technology', 'financial services', 'finance', 'fintech',
  'insurance', 'healthcare', 'real estate', 'telecommunications', 'e-commerce', 'ecommerce',
] as const;

/**
 * conversion_probability = 1 / (1 + e^(−k·(overall − m))) with k = 8, m = 0.55: an average lead
 * (overall ≈ 0.3) converts ≈ 12 %, a hot one (0.8) ≈ 88 %, and the curve never claims certainty.
 */
export const CONVERSION_LOGISTIC = { k: 8, midpoint: 0.55 } as const;

const HOT = 0.7;
const WARM = 0.4;

export function priorityOf(score: number): LeadPriority {
  if (score >= HOT) return 'hot';
  if (score >= WARM) return 'warm';
  return 'cold';
}

export function emptyEngagement(): Pick<LeadFacts, 'activities' | 'calls'> {
  return {
    activities: { counts: {}, last_activity_at: null },
    calls: { total: 0, answered: 0, total_duration_s: 0, last_sentiment: null, last_outcome: null },
  };
}

/** Weights that sum to 1; all-zero or invalid weights fall back to the defaults. */
export function normaliseWeights(weights: ScoreWeights): ScoreWeights {
  const values = [weights.demographic, weights.behavioral, weights.engagement, weights.intent];
  const sum = values.reduce((total, value) => total + (Number.isFinite(value) && value > 0 ? value : 0), 0);
  if (sum <= 0) return normaliseWeights(DEFAULT_SCORE_WEIGHTS);
  const part = (value: number) => (Number.isFinite(value) && value > 0 ? value / sum : 0);
  return {
    demographic: part(weights.demographic),
    behavioral: part(weights.behavioral),
    engagement: part(weights.engagement),
    intent: part(weights.intent),
  };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
/** n out of a saturation point: the first few signals matter, the hundredth does not. */
const saturate = (count: number, cap: number) => Math.min(Math.max(count, 0), cap) / cap;
const times = (count: number, noun: string, plural = `${noun}s`) => `${count} ${count === 1 ? noun : plural}`;
// One formatter for all: toLocaleString builds a new one per call, which dominated bulk imports.
const AMOUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const amount = (value: number) => AMOUNT_FORMAT.format(value);
const DAY_MS = 86_400_000;

const C_LEVEL = /\b(ceo|cto|cfo|coo|cmo|cro|cio|chief|founder|co-founder|owner|president|partner)\b/i;
const VP_LEVEL = /\b(vp|svp|evp|vice president|head|director)\b/i;
const MANAGER_LEVEL = /\b(manager|lead|principal|senior)\b/i;

/** One sub-score and the plain-words reasons behind it. */
interface Part {
  score: number;
  positive: string[];
  negative: string[];
}

/**
 * Explainable, deterministic lead scoring. Each sub-score adds named points (capped at 1) for facts
 * about the lead, so every number can be traced back to a sentence in `factors`.
 */
export class LeadScorer {
  score(facts: LeadFacts, weights: ScoreWeights, now: Date): LeadScoreDto {
    const demographic = this.demographic(facts);
    const behavioral = this.behavioral(facts);
    const engagement = this.engagement(facts, now);
    const intent = this.intent(facts);

    const used = normaliseWeights(weights);
    const scores = {
      demographic: round3(demographic.score),
      behavioral: round3(behavioral.score),
      engagement: round3(engagement.score),
      intent: round3(intent.score),
    };
    const overall = round3(clamp01(
      scores.demographic * used.demographic + scores.behavioral * used.behavioral
        + scores.engagement * used.engagement + scores.intent * used.intent,
    ));

    const positive = [...intent.positive, ...behavioral.positive, ...engagement.positive, ...demographic.positive];
    const negative = [...intent.negative, ...engagement.negative, ...behavioral.negative, ...demographic.negative];
    const status = facts.lead.status;
    if (status === 'closed_lost') negative.unshift('Closed lost');
    if (status === 'do_not_contact') negative.unshift('Marked do not contact');
    if (status === 'closed_won') positive.unshift('Closed won');

    return {
      overall_score: overall,
      demographic_score: scores.demographic,
      behavioral_score: scores.behavioral,
      engagement_score: scores.engagement,
      intent_score: scores.intent,
      conversion_probability: this.conversionProbability(overall, status),
      factors: {
        positive_factors: positive,
        negative_factors: negative,
        recommendations: this.recommendations(facts, overall, now),
      },
      weights: {
        demographic: round3(used.demographic),
        behavioral: round3(used.behavioral),
        engagement: round3(used.engagement),
        intent: round3(used.intent),
      },
      scored_at: now.toISOString(),
    };
  }

  private conversionProbability(overall: number, status: LeadStatus): number {
    if (status === 'closed_won') return 1;
    // A lost or opted-out lead can still come back, but nothing should rank it as likely.
    if (status === 'closed_lost' || status === 'do_not_contact') return 0.01;
    const { k, midpoint } = CONVERSION_LOGISTIC;
    return round3(1 / (1 + Math.exp(-k * (overall - midpoint))));
  }

  /** Fit: who they are and whether we can reach them. */
  private demographic({ lead }: LeadFacts): Part {
    const part: Part = { score: 0, positive: [], negative: [] };
    const title = lead.title?.trim();
    if (title) {
      if (C_LEVEL.test(title)) {
        part.score += 0.3;
        part.positive.push(`Executive title (${title})`);
      } else if (VP_LEVEL.test(title)) {
        part.score += 0.25;
        part.positive.push(`Senior title (${title})`);
      } else if (MANAGER_LEVEL.test(title)) {
        part.score += 0.15;
        part.positive.push(`Manager-level title (${title})`);
      } else {
        part.score += 0.05;
      }
    } else {
      part.negative.push('No job title');
    }

    const size = lead.company_size;
    if (size !== null) {
      if (size >= 1000) part.score += 0.2;
      else if (size >= 200) part.score += 0.18;
      else if (size >= 50) part.score += 0.13;
      else if (size >= 10) part.score += 0.07;
      else part.score += 0.02;
      if (size >= 50) part.positive.push(`Company size of ${amount(size)} employees`);
      if (size < 10) part.negative.push(`Very small company (${amount(size)} employees)`);
    }

    const budget = lead.budget;
    if (budget !== null && budget > 0) {
      part.score += budget >= 100_000 ? 0.15 : budget >= 25_000 ? 0.12 : budget >= 5_000 ? 0.07 : 0.03;
      if (budget >= 25_000) part.positive.push(`Budget of ${amount(budget)}`);
    }
    const revenue = lead.annual_revenue;
    if (revenue !== null && revenue > 0) {
      part.score += revenue >= 50_000_000 ? 0.1 : revenue >= 10_000_000 ? 0.08 : revenue >= 1_000_000 ? 0.05 : 0.02;
      if (revenue >= 10_000_000) part.positive.push(`Annual revenue of ${amount(revenue)}`);
    }

    const industry = lead.industry?.trim();
    if (industry && (TARGET_INDUSTRIES as readonly string[]).includes(industry.toLowerCase())) {
      part.score += 0.1;
      part.positive.push(`Target industry (${industry})`);
    }

    if (lead.company?.trim()) part.score += 0.05;
    else part.negative.push('No company');
    if (lead.website?.trim()) part.score += 0.05;
    if (lead.email) part.score += 0.05;
    else part.negative.push('No email address');
    if (lead.phone) part.score += 0.05;
    else part.negative.push('No phone number');

    part.score = clamp01(part.score);
    return part;
  }

  /** Interest shown on their own initiative. */
  private behavioral({ activities: { counts } }: LeadFacts): Part {
    const part: Part = { score: 0, positive: [], negative: [] };
    const signal = (type: ActivityType, points: number, cap: number, describe: (n: number) => string) => {
      const count = counts[type] ?? 0;
      if (count <= 0) return;
      part.score += points * saturate(count, cap);
      part.positive.push(describe(count));
    };
    signal('demo_requested', 0.3, 1, () => 'Requested a demo');
    signal('pricing_viewed', 0.2, 2, (n) => `Viewed pricing ${times(n, 'time')}`);
    signal('form_submitted', 0.15, 1, (n) => `Submitted ${times(n, 'form')}`);
    signal('content_downloaded', 0.1, 3, (n) => `Downloaded content ${times(n, 'time')}`);
    signal('website_visit', 0.1, 5, (n) => `Visited the website ${times(n, 'time')}`);
    signal('email_clicked', 0.1, 3, (n) => `Clicked ${times(n, 'email link')}`);
    signal('email_opened', 0.05, 5, (n) => `Opened ${times(n, 'email')}`);
    part.score = clamp01(part.score);
    return part;
  }

  /** Two-way contact, how recent it is, and signs the lead cannot be reached. */
  private engagement({ activities, calls }: LeadFacts, now: Date): Part {
    const part: Part = { score: 0, positive: [], negative: [] };
    const counts = activities.counts;

    const replies = counts.email_replied ?? 0;
    if (replies > 0) {
      part.score += 0.25 * saturate(replies, 2);
      part.positive.push(`Replied to ${times(replies, 'email')}`);
    }
    const answered = Math.max(calls.answered, counts.call_answered ?? 0);
    if (answered > 0) {
      part.score += 0.25 * saturate(answered, 3);
      const minutes = Math.round(calls.total_duration_s / 60);
      part.positive.push(`Answered ${times(answered, 'call')}${minutes > 0 ? ` (${minutes} min in total)` : ''}`);
    }
    part.score += 0.1 * saturate(calls.total_duration_s, 600);
    const meetings = counts.meeting ?? 0;
    if (meetings > 0) {
      part.score += 0.3 * saturate(meetings, 2);
      part.positive.push(`Attended ${times(meetings, 'meeting')}`);
    }

    // Recency: full credit within a week, none after 60 days.
    const last = activities.last_activity_at;
    if (last) {
      const days = Math.max(0, Math.floor((now.getTime() - last.getTime()) / DAY_MS));
      part.score += 0.1 * clamp01((60 - days) / 53);
      if (days <= 7) part.positive.push('Active in the last 7 days');
      else if (days >= 30) part.negative.push(`No activity in ${days} days`);
    } else {
      part.negative.push('No response from the lead yet');
    }

    const bounces = counts.email_bounced ?? 0;
    if (bounces > 0) {
      part.score -= 0.3 * saturate(bounces, 1);
      part.negative.push(`Email bounced ${times(bounces, 'time')}`);
    }
    if ((counts.unsubscribed ?? 0) > 0) {
      part.score -= 0.5;
      part.negative.push('Unsubscribed');
    }
    const missed = counts.call_missed ?? 0;
    if (missed > 0) {
      part.score -= 0.2 * saturate(missed, 4);
      part.negative.push(`Missed ${times(missed, 'call')}`);
    }
    part.score = clamp01(part.score);
    return part;
  }

  /** How close the lead is to buying. */
  private intent({ lead, activities: { counts }, calls }: LeadFacts): Part {
    const part: Part = { score: 0, positive: [], negative: [] };
    if ((counts.demo_requested ?? 0) > 0) part.score += 0.5;
    if ((counts.pricing_viewed ?? 0) > 0) part.score += 0.15;
    if ((counts.form_submitted ?? 0) > 0) part.score += 0.05;
    if ((counts.meeting ?? 0) > 0) part.score += 0.15;
    if ((counts.proposal_sent ?? 0) > 0) {
      part.score += 0.15;
      part.positive.push('Proposal sent');
    }

    const sentiment = calls.last_sentiment;
    if (sentiment !== null) {
      if (sentiment >= 0.3) {
        part.score += 0.1 * sentiment;
        part.positive.push(`Positive sentiment on the last call (${round3(sentiment)})`);
      } else if (sentiment <= -0.3) {
        part.score -= 0.1;
        part.negative.push(`Negative sentiment on the last call (${round3(sentiment)})`);
      }
    }
    switch (calls.last_outcome) {
      case 'interested':
        part.score += 0.15;
        part.positive.push('Said they are interested on the last call');
        break;
      case 'callback_requested':
        part.score += 0.1;
        part.positive.push('Asked for a callback on the last call');
        break;
      case 'not_interested':
        part.score -= 0.3;
        part.negative.push('Said they are not interested on the last call');
        break;
      default:
        break;
    }

    if (lead.status === 'qualified') {
      part.score += 0.1;
      part.positive.push('Qualified by the team');
    } else if (lead.status === 'proposal') {
      part.score += 0.15;
      part.positive.push('In the proposal stage');
    }
    part.score = clamp01(part.score);
    return part;
  }

  /** Next actions, most urgent first. */
  private recommendations({ lead, activities, calls }: LeadFacts, overall: number, now: Date): string[] {
    const counts = activities.counts;
    if (lead.status === 'closed_won') return ['Closed won: hand over to account management'];
    if (lead.status === 'do_not_contact') return ['Do not contact: no outreach'];
    if (lead.status === 'closed_lost') return ['Closed lost: re-open only on new buying signals'];

    const advice: string[] = [];
    if ((counts.demo_requested ?? 0) > 0 && (counts.meeting ?? 0) === 0) advice.push('Call within 24 hours: demo requested');
    if (calls.last_outcome === 'callback_requested') advice.push('Call back: the lead asked for a callback');
    if ((counts.pricing_viewed ?? 0) > 0 && (counts.proposal_sent ?? 0) === 0) {
      advice.push(`Send a proposal: pricing viewed ${times(counts.pricing_viewed ?? 0, 'time')}`);
    }
    if ((counts.email_replied ?? 0) > 0 && (counts.meeting ?? 0) === 0) advice.push('Book a meeting: the lead replied');
    if (priorityOf(overall) === 'hot' && (lead.status === 'new' || lead.status === 'contacted')) {
      advice.push('Prioritise: hot lead not yet qualified');
    }
    const missed = counts.call_missed ?? 0;
    if (missed >= 2 && calls.answered === 0 && (counts.call_answered ?? 0) === 0) {
      advice.push(`Try another channel: ${times(missed, 'missed call')}`);
    }
    if ((counts.email_bounced ?? 0) > 0) advice.push('Verify the email address: it bounced');
    const last = activities.last_activity_at;
    if (last) {
      const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
      if (days >= 30) advice.push(`Re-engage: no activity in ${days} days`);
    } else if (lead.status === 'new') {
      advice.push('Make first contact');
    }
    if (!lead.phone) advice.push('Enrich: no phone number');
    if (!lead.email) advice.push('Enrich: no email address');
    if (!lead.company?.trim()) advice.push('Enrich: no company');
    if (!lead.title?.trim()) advice.push('Enrich: no job title');
    return advice;
  }
}
