import type {
  ActivityType, CallRecommendation, ConversationState, LeadStatus, NextAction, ObjectionType, RecommendationDto,
} from '@parley/contracts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the recommendation is made from: the lead (leads), its activities (leads) and its AI conversations (ours). */
export interface LeadSignals {
  lead: { id: string; status: LeadStatus; score: number; last_contacted_at: string | null };
  activities: Array<{ type: ActivityType; occurred_at: string; metadata: Record<string, unknown> }>;
  /** The lead's AI conversations, newest first. */
  conversations: Array<{
    at: string;
    call_type: 'phone' | 'chat' | 'web';
    ended: boolean;
    sentiment: number | null;
    outcome: string | null;
    recommendation: CallRecommendation | null;
    state_reached: ConversationState;
    callback_at: string | null;
    objections: ObjectionType[];
    interest_signals: string[];
  }>;
  /** What the person asking knows that the data does not say. */
  context: string | null;
  now: Date;
}

const CALL_ACTIVITIES = new Set<ActivityType>(['call_made', 'call_answered', 'call_missed', 'voicemail_left']);
const EMAIL_ENGAGEMENT = new Set<ActivityType>(['email_opened', 'email_clicked', 'email_replied']);

const OBJECTION_TALKING_POINTS: Record<ObjectionType, string> = {
  price: 'Price came up: lead with the return on investment and the plan that fits their budget.',
  timing: 'Timing was a concern: ask what would make the timing right and offer a later start date.',
  authority: 'They are not the only decision maker: offer a short call that includes whoever signs off.',
  need: 'They questioned the need: go back to the problem they described and show how it is solved.',
  competitor: 'They mentioned a competitor: be ready with the differences that matter for them.',
};

interface Decision {
  action: NextAction;
  channel: RecommendationDto['channel'];
  priority: RecommendationDto['priority'];
  confidence: number;
  reasons: string[];
  suggested_at?: string | null;
}

const round = (value: number) => Math.round(value * 100) / 100;
const time = (iso: string) => new Date(iso).getTime();

/**
 * The next best action for a lead, and why: rules in priority order, each from facts a person can
 * check (an opt-out beats everything, a promised callback beats a hot score, and so on).
 */
export function nextBestAction(signals: LeadSignals): RecommendationDto {
  const { lead, activities, conversations, now } = signals;
  const last = conversations[0] ?? null;
  const lastEnded = conversations.find((c) => c.ended) ?? null;
  const decision = decide(signals, last, lastEnded);
  const callActivities = activities.filter((a) => CALL_ACTIVITIES.has(a.type)).length;
  const phoneConversations = conversations.filter((c) => c.call_type === 'phone').length;
  const contacted = [lead.last_contacted_at, last?.at].filter((v): v is string => !!v).sort().at(-1) ?? null;
  return {
    lead_id: lead.id,
    action: decision.action,
    channel: decision.channel,
    priority: decision.priority,
    confidence: round(Math.min(0.99, decision.confidence)),
    reasons: decision.reasons,
    talking_points: talkingPoints(signals, decision.action),
    suggested_at: decision.suggested_at ?? (decision.channel === 'none' ? null : now.toISOString()),
    facts: {
      score: lead.score,
      status: lead.status,
      activities: activities.length,
      calls: Math.max(callActivities, phoneConversations),
      last_contacted_at: contacted,
      last_sentiment: lastEnded?.sentiment ?? null,
    },
  };
}

function decide(signals: LeadSignals, last: LeadSignals['conversations'][number] | null, lastEnded: LeadSignals['conversations'][number] | null): Decision {
  const { lead, activities, conversations, now } = signals;
  const nowMs = now.getTime();

  const optedOut = conversations.some((c) => c.outcome === 'opted_out') || activities.some((a) => a.type === 'unsubscribed');
  if (lead.status === 'do_not_contact' || optedOut) {
    return {
      action: 'do_not_contact', channel: 'none', priority: 'low', confidence: 0.99,
      reasons: [lead.status === 'do_not_contact' ? 'The lead is marked do-not-contact.' : 'The lead asked not to be contacted again.'],
      suggested_at: null,
    };
  }
  if (lead.status === 'closed_won') {
    return { action: 'nurture', channel: 'email', priority: 'low', confidence: 0.8, reasons: ['The deal is won: keep in touch for onboarding, renewals and referrals.'] };
  }
  if (lead.status === 'closed_lost') {
    return { action: 'nurture', channel: 'email', priority: 'low', confidence: 0.7, reasons: ['The deal was lost: stay in touch with useful content until their situation changes.'] };
  }

  const callback = pendingCallback(signals);
  if (callback !== null) {
    const due = callback - nowMs <= 15 * 60_000;
    const when = new Date(callback).toISOString();
    return due
      ? { action: 'call_now', channel: 'phone', priority: 'urgent', confidence: 0.95, reasons: [`A callback was promised for ${when} and is due now.`], suggested_at: now.toISOString() }
      : { action: 'schedule_callback', channel: 'phone', priority: 'high', confidence: 0.9, reasons: [`A callback is booked for ${when}: call then.`], suggested_at: when };
  }

  if (lastEnded && (lastEnded.recommendation === 'escalate' || (lastEnded.sentiment !== null && lastEnded.sentiment <= -0.4))) {
    const reasons = lastEnded.recommendation === 'escalate'
      ? ['The last AI conversation asked for a person to take over.']
      : [`The last AI conversation went badly (sentiment ${round(lastEnded.sentiment as number)}).`];
    return { action: 'escalate_to_human', channel: 'phone', priority: 'high', confidence: 0.8, reasons };
  }
  if (lastEnded && (lastEnded.recommendation === 'close_won' || lastEnded.outcome === 'agreed')) {
    return { action: 'close', channel: 'phone', priority: 'high', confidence: 0.85, reasons: ['The lead agreed to move forward in the last conversation: close the deal.'] };
  }

  const recentDemoRequest = activities.some((a) => a.type === 'demo_requested' && nowMs - time(a.occurred_at) <= 30 * DAY);
  const meetingSince = activities.some((a) => a.type === 'meeting' && activities.some((d) => d.type === 'demo_requested' && time(a.occurred_at) >= time(d.occurred_at)));
  if ((lastEnded?.recommendation === 'schedule_demo' || lastEnded?.outcome === 'demo_booked' || recentDemoRequest) && !meetingSince) {
    const reasons = recentDemoRequest ? ['The lead requested a demo and none has taken place yet.'] : ['The last conversation ended with interest in a demo.'];
    return { action: 'schedule_demo', channel: 'phone', priority: 'high', confidence: 0.8, reasons };
  }

  const pricingInterest = activities.some((a) => a.type === 'pricing_viewed')
    || conversations.some((c) => c.interest_signals.some((s) => /pric|cost|budget/i.test(s)));
  const proposalSent = activities.some((a) => a.type === 'proposal_sent');
  if (!proposalSent && (lastEnded?.recommendation === 'send_proposal' || ((lead.status === 'qualified' || lead.status === 'proposal') && pricingInterest))) {
    const reasons = [lead.status === 'qualified' ? 'The lead is qualified' : 'The last conversation called for a proposal'];
    if (pricingInterest) reasons.push('they looked into pricing');
    return { action: 'send_proposal', channel: 'email', priority: 'high', confidence: 0.75, reasons: [`${reasons.join(' and ')}.`] };
  }

  const lastContact = lead.last_contacted_at ? time(lead.last_contacted_at) : last ? time(last.at) : null;
  if (lead.score >= 0.7 && (lastContact === null || nowMs - lastContact >= DAY)) {
    return { action: 'call_now', channel: 'phone', priority: 'high', confidence: 0.7 + (lead.score - 0.7) / 2, reasons: [`The lead is hot (score ${round(lead.score)}) and has not been contacted in the last day.`] };
  }
  const engaged = activities.filter((a) => EMAIL_ENGAGEMENT.has(a.type) && nowMs - time(a.occurred_at) <= 14 * DAY);
  if (engaged.length > 0 && (lastContact === null || nowMs - lastContact >= 3 * DAY)) {
    return { action: 'call_now', channel: 'phone', priority: 'medium', confidence: 0.6, reasons: [`The lead engaged with ${engaged.length} email${engaged.length === 1 ? '' : 's'} in the last two weeks.`] };
  }
  if (lastContact === null && activities.every((a) => !CALL_ACTIVITIES.has(a.type))) {
    return lead.score >= 0.4
      ? { action: 'call_now', channel: 'phone', priority: 'medium', confidence: 0.55, reasons: [`The lead was never contacted and scores ${round(lead.score)}.`] }
      : { action: 'send_email', channel: 'email', priority: 'low', confidence: 0.5, reasons: [`The lead was never contacted; a low score (${round(lead.score)}) suggests an introduction by email first.`] };
  }
  if (lead.score < 0.3) {
    return { action: 'nurture', channel: 'email', priority: 'low', confidence: 0.55, reasons: [`The lead scores low (${round(lead.score)}): nurture until they show intent.`] };
  }
  if (lastEnded?.recommendation === 'nurture' || lastEnded?.recommendation === 'disqualify') {
    return { action: 'nurture', channel: 'email', priority: 'low', confidence: 0.6, reasons: ['The last conversation showed little interest right now.'] };
  }
  return { action: 'send_email', channel: 'email', priority: 'medium', confidence: 0.5, reasons: ['A follow-up keeps the conversation going after the last contact.'] };
}

/** The soonest callback promised that is not long past (two hours' grace), in ms; null when none. */
function pendingCallback(signals: LeadSignals): number | null {
  const nowMs = signals.now.getTime();
  const times = [
    ...signals.activities.filter((a) => a.type === 'callback_scheduled').map((a) => a.metadata['callback_at']),
    ...signals.conversations.map((c) => c.callback_at),
  ]
    .filter((v): v is string => typeof v === 'string' && !Number.isNaN(time(v)))
    .map(time)
    .filter((t) => t >= nowMs - 2 * HOUR)
    .sort((a, b) => a - b);
  return times[0] ?? null;
}

function talkingPoints(signals: LeadSignals, action: NextAction): string[] {
  if (action === 'do_not_contact') return ['Do not call, text or email this lead.'];
  const points: string[] = [];
  const objections = new Set(signals.conversations.flatMap((c) => c.objections));
  for (const objection of objections) points.push(OBJECTION_TALKING_POINTS[objection]);
  const interest = [...new Set(signals.conversations.flatMap((c) => c.interest_signals))].slice(0, 3);
  if (interest.length > 0) points.push(`They showed interest: ${interest.join('; ')}.`);
  const context = signals.context?.trim();
  if (context) points.push(`Keep in mind: ${context}`);
  if (points.length === 0) points.push('Open by asking what they are trying to solve right now.');
  return points;
}
