import type { TurnLatencyDto } from '@parley/contracts';
import type { TurnTiming } from '../engine/conversation-engine';

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Where a turn's time went: the engine reports model and knowledge time, the tools the time their
 * actions waited for other services, we measured the total around it; what is left is ours (NLU,
 * policy, prompt building, persistence).
 */
export function turnLatency(totalMs: number, timing: TurnTiming, servicesMs = 0): TurnLatencyDto {
  const model = Math.max(0, timing.model_ms);
  const knowledge = Math.max(0, timing.knowledge_ms);
  const services = Math.max(0, servicesMs);
  return {
    total_ms: round(totalMs),
    processing_ms: round(Math.max(0, totalMs - model - knowledge - services)),
    model_ms: round(model),
    knowledge_ms: round(knowledge),
    services_ms: round(services),
  };
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function elapsedMs(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e6;
}
