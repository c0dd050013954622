import type { LoggerOptions } from 'pino';
import { RequestContextStorage } from '../context/request-context';

/** Secrets never reach a log line. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  '*.password',
  '*.new_password',
  '*.current_password',
  '*.refresh_token',
  '*.access_token',
  '*.token',
];

export function pinoOptions(service: string, level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    base: { service },
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    // Every line carries the request id and tenant of the request it belongs to, across NATS hops.
    mixin() {
      const ctx = RequestContextStorage.current();
      return ctx ? { request_id: ctx.request_id, tenant_id: ctx.tenant_id ?? undefined } : {};
    },
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
  };
}
