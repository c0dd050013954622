import { CAMPAIGN_STATUSES } from '@parley/contracts';
import { campaignMove } from '../campaign-lifecycle';

describe('campaignMove', () => {
  it('starts a draft, scheduled or paused campaign', () => {
    for (const from of ['draft', 'scheduled', 'paused'] as const) expect(campaignMove(from, 'start')).toEqual({ ok: true, to: 'active' });
  });

  it('pauses only an active campaign', () => {
    expect(campaignMove('active', 'pause')).toEqual({ ok: true, to: 'paused' });
    for (const from of CAMPAIGN_STATUSES.filter((s) => s !== 'active')) expect(campaignMove(from, 'pause').ok).toBe(false);
  });

  it('schedules a draft or paused campaign, and reschedules a scheduled one', () => {
    for (const from of ['draft', 'scheduled', 'paused'] as const) expect(campaignMove(from, 'schedule')).toEqual({ ok: true, to: 'scheduled' });
    expect(campaignMove('active', 'schedule').ok).toBe(false);
  });

  it('explains a move that is not allowed', () => {
    expect(campaignMove('completed', 'start')).toEqual({
      ok: false,
      message: 'cannot start a campaign that is completed (allowed from: draft, scheduled, paused)',
      allowed_from: ['draft', 'scheduled', 'paused'],
    });
    expect(campaignMove('active', 'start').ok).toBe(false);
  });
});
