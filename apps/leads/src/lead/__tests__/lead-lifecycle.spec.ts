import { ErrorCode, LEAD_STATUSES } from '@parley/contracts';
import { ValidationException } from '@parley/platform';
import { assertTransition, canTransition, LEAD_TRANSITIONS } from '../lead-lifecycle';

describe('lead lifecycle', () => {
  it('walks the happy path new → contacted → qualified → proposal → closed_won', () => {
    expect(canTransition('new', 'contacted')).toBe(true);
    expect(canTransition('contacted', 'qualified')).toBe(true);
    expect(canTransition('qualified', 'proposal')).toBe(true);
    expect(canTransition('proposal', 'closed_won')).toBe(true);
  });

  it('allows a step back while the deal is open, and re-opening a lost lead', () => {
    expect(canTransition('proposal', 'qualified')).toBe(true);
    expect(canTransition('qualified', 'contacted')).toBe(true);
    expect(canTransition('closed_lost', 'new')).toBe(true);
  });

  it('lets every open status be closed lost or opted out', () => {
    for (const from of ['new', 'contacted', 'qualified', 'proposal'] as const) {
      expect(canTransition(from, 'closed_lost')).toBe(true);
      expect(canTransition(from, 'do_not_contact')).toBe(true);
    }
  });

  it('treats the same status as a no-op, even for final statuses', () => {
    for (const status of LEAD_STATUSES) expect(canTransition(status, status)).toBe(true);
  });

  it('keeps closed_won and do_not_contact final', () => {
    expect(LEAD_TRANSITIONS.closed_won).toEqual([]);
    expect(LEAD_TRANSITIONS.do_not_contact).toEqual([]);
    for (const to of LEAD_STATUSES.filter((s) => s !== 'closed_won')) expect(canTransition('closed_won', to)).toBe(false);
  });

  it('refuses skipping stages to a win', () => {
    expect(canTransition('new', 'closed_won')).toBe(false);
    expect(canTransition('contacted', 'closed_won')).toBe(false);
    expect(canTransition('new', 'proposal')).toBe(false);
  });

  it('throws a 422 naming the field, the move and the allowed targets', () => {
    let error: unknown;
    try {
      assertTransition('closed_won', 'new');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: 'status cannot go from closed_won to new',
      details: { field: 'status', from: 'closed_won', to: 'new', allowed: [] },
    });
    expect(() => assertTransition('new', 'proposal')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ allowed: LEAD_TRANSITIONS.new }) }),
    );
    expect(() => assertTransition('new', 'contacted')).not.toThrow();
  });
});
