/** Every service answers its ping subject; the gateway's /ready asks them all. */
export const SERVICE_NAMES = ['identity', 'leads', 'knowledge', 'compliance', 'telephony', 'voice-ai'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Every service of the platform, built or still to come: event owners may be ahead of SERVICE_NAMES. */
export type PlatformService =
  | ServiceName | 'analytics' | 'gamification' | 'notifications';

export type HealthSubject = `${ServiceName}.health.ping`;
export const healthSubject = (service: ServiceName): HealthSubject => `${service}.health.ping`;

export interface HealthPong {
  service: ServiceName;
  database: boolean;
  uptime_s: number;
}

export type HealthRequests = { [S in HealthSubject]: { req: Record<string, never>; res: HealthPong } };
