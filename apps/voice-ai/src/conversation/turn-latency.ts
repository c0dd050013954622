import type { TurnLatencyDto } from '@parley/contracts';
import type { TurnTiming } from '../engine/conversation-engine';

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Where a turn's time went: the engine reports model and knowledge time, we measured the total
 * around it; what is left is ours (NLU, policy, tools, prompt building).
 */
export function turnLatency(totalMs: number, timing: TurnTiming): TurnLatencyDto {
  const model = Math.max(0, timing.model_ms);
  const knowledge = Math.max(0, timing.knowledge_ms);
  return {
    total_ms: round(totalMs),
    processing_ms: round(Math.max(0, totalMs - model - knowledge)),
    model_ms: round(model),
    knowledge_ms: round(knowledge),
  };
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function elapsedMs(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e6;
}
