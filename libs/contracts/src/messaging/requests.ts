import type { IdentityRequests } from '../identity/subjects';
import type { ComplianceRequests } from '../compliance/subjects';
import type { TelephonyRequests } from '../telephony/subjects';
import type { MediaRequests } from '../telephony/media';
import type { KnowledgeRequests } from '../knowledge/subjects';
import type { LeadsRequests } from '../leads/subjects';
import type { VoiceAiRequests } from '../voice-ai/subjects';
import type { HealthRequests } from './health';

/** Subject → {req, res} across every service: the typed bus is keyed by it. */
export type ServiceRequests = HealthRequests & IdentityRequests & LeadsRequests & KnowledgeRequests & ComplianceRequests & TelephonyRequests & MediaRequests & VoiceAiRequests;
export type Subject = keyof ServiceRequests & string;
export type RequestOf<S extends Subject> = ServiceRequests[S]['req'];
export type ResponseOf<S extends Subject> = ServiceRequests[S]['res'];
