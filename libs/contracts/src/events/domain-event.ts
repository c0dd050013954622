import type { PlatformService } from '../messaging/health';
import type { IdentityEvents } from '../identity/identity.events';
import type { ComplianceEvents } from '../compliance/compliance.events';
import type { KnowledgeEvents } from '../knowledge/knowledge.events';
import type { LeadsEvents } from '../leads/leads.events';
import type { CallEvents } from '../telephony/call.events';
import type { VoiceAiEvents } from '../voice-ai/voice-ai.events';

/** Every domain event published on JetStream (subject `evt.<service>.<type>`). */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  tenant_id: string;
  occurred_at: string;
  actor_id: string | null;
  request_id: string | null;
  data: DomainEvents[T];
}

/** Event type → payload, across all services. Past tense, one owner each. */
export type DomainEvents = IdentityEvents & LeadsEvents & CallEvents & KnowledgeEvents & ComplianceEvents & VoiceAiEvents;
export type EventType = keyof DomainEvents & string;

export const EVENT_OWNER: { readonly [T in EventType]: PlatformService } = {
  'user.registered': 'identity',
  'tenant.created': 'identity',
  'member.added': 'identity',
  'member.invited': 'identity',
  'member.removed': 'identity',
  'role.changed': 'identity',
  'password.reset_requested': 'identity',
  'password.changed': 'identity',
  'agent.status_changed': 'identity',
  'security.login_failed': 'identity',
  'security.account_locked': 'identity',
  'security.refresh_token_reused': 'identity',
  'business_config.changed': 'identity',
  'dnc.added': 'compliance',
  'dnc.removed': 'compliance',
  'dnc.imported': 'compliance',
  'calling_windows.changed': 'compliance',
  'knowledge.document.ready': 'knowledge',
  'knowledge.document.failed': 'knowledge',
  'lead.created': 'leads',
  'lead.updated': 'leads',
  'lead.deleted': 'leads',
  'lead.score_changed': 'leads',
  'lead.assigned': 'leads',
  'lead.imported': 'leads',
  'campaign.started': 'leads',
  'campaign.paused': 'leads',
  'campaign.scheduled': 'leads',
  'queue.updated': 'leads',
  'call.started': 'telephony',
  'call.updated': 'telephony',
  'call.ended': 'telephony',
  'call.completed': 'telephony',
  'call.failed': 'telephony',
  'escalation.triggered': 'telephony',
  'escalation.completed': 'telephony',
  'ai_agent.changed': 'voice-ai',
  'interaction.added': 'voice-ai',
  'sentiment.changed': 'voice-ai',
  'qa.score.updated': 'voice-ai',
};

export const EVENT_STREAM = 'EVENTS';
export const EVENT_SUBJECT_ROOT = 'evt';

export function eventSubject(type: EventType): string {
  return `${EVENT_SUBJECT_ROOT}.${EVENT_OWNER[type]}.${type}`;
}
