import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import {
  ComplianceSubjects, type CallingCheckDto, type CallingCheckResultDto, type CallingDenialRule, type Envelope,
} from '@parley/contracts';

const codec = JSONCodec<unknown>();

export interface ComplianceDecision {
  rule: CallingDenialRule;
  reason: string;
  timezone?: string;
}

/**
 * Plays the compliance service's side of `compliance.calling.check` (ComplianceRequests) on the
 * test's subject prefix, in Nest's NATS packet format, so telephony's tests do not reach into
 * another app: every number is allowed unless `deny` says otherwise for the tenant. The real
 * compliance service answers it in the gateway's end-to-end tests.
 */
export interface ComplianceResponder {
  /** Checks received, oldest first, with the tenant they were asked for. */
  checks: Array<{ tenant_id: string | null; request: CallingCheckDto }>;
  deny(tenantId: string, phoneNumber: string, decision: ComplianceDecision): void;
  close(): Promise<void>;
}

export async function startComplianceResponder(natsUrl: string, prefix: string): Promise<ComplianceResponder> {
  const nc: NatsConnection = await connect({ servers: natsUrl });
  const denials = new Map<string, ComplianceDecision>();
  const checks: ComplianceResponder['checks'] = [];
  const subscription: Subscription = nc.subscribe(`${prefix}${ComplianceSubjects.checkCalling}`, { queue: 'compliance' });

  void (async () => {
    for await (const msg of subscription) {
      const packet = codec.decode(msg.data) as { id: string; data: Envelope<CallingCheckDto> };
      const { ctx, data } = packet.data;
      checks.push({ tenant_id: ctx.tenant_id, request: data });
      const denial = denials.get(`${ctx.tenant_id}|${data.phone_number}`);
      const timezone = denial?.timezone ?? 'America/Los_Angeles';
      const answer: CallingCheckResultDto = {
        allowed: !denial,
        rule: denial?.rule ?? null,
        reason: denial?.reason ?? null,
        phone_number: data.phone_number,
        timezone,
        local_time: new Date().toISOString(),
      };
      msg.respond(codec.encode({ id: packet.id, response: answer, isDisposed: true }));
    }
  })();

  return {
    checks,
    deny(tenantId, phoneNumber, decision) {
      denials.set(`${tenantId}|${phoneNumber}`, decision);
    },
    async close() {
      subscription.unsubscribe();
      await nc.drain();
    },
  };
}
