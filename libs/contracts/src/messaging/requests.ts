import type { IdentityRequests } from '../identity/subjects';
import type { LeadsRequests } from '../leads/subjects';
import type { HealthRequests } from './health';

/** Subject → {req, res} across every service: the typed bus is keyed by it. */
export type ServiceRequests = HealthRequests & IdentityRequests & LeadsRequests;
export type Subject = keyof ServiceRequests & string;
export type RequestOf<S extends Subject> = ServiceRequests[S]['req'];
export type ResponseOf<S extends Subject> = ServiceRequests[S]['res'];
