import type { CampaignStatus } from '@parley/contracts';

export type CampaignCommand = 'start' | 'pause' | 'schedule';

/** Which statuses each command may leave from, and where it goes (scheduling again reschedules). */
const MOVES: Record<CampaignCommand, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['draft', 'scheduled', 'paused'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  schedule: { from: ['draft', 'scheduled', 'paused'], to: 'scheduled' },
};

export type CampaignMove =
  | { ok: true; to: CampaignStatus }
  | { ok: false; message: string; allowed_from: readonly CampaignStatus[] };

/** The status after `command`, or why the campaign cannot make that move from `from`. */
export function campaignMove(from: CampaignStatus, command: CampaignCommand): CampaignMove {
  const move = MOVES[command];
  if (move.from.includes(from)) return { ok: true, to: move.to };
  return {
    ok: false,
    message: `cannot ${command} a campaign that is ${from} (allowed from: ${move.from.join(', ')})`,
    allowed_from: move.from,
  };
}
