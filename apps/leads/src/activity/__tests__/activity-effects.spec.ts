import { activityEffect, callActivityType } from '../activity-effects';

describe('activity effects', () => {
  it('marks contact and moves a new lead to contacted', () => {
    expect(activityEffect('call_answered', 'new')).toEqual({ contacted: true, status: 'contacted' });
    expect(activityEffect('email_sent', 'qualified')).toEqual({ contacted: true, status: null });
  });

  it('leaves the lead alone for signals that are not contact', () => {
    expect(activityEffect('website_visit', 'new')).toEqual({ contacted: false, status: null });
    expect(activityEffect('call_missed', 'new')).toEqual({ contacted: false, status: null });
  });

  it('opts an unsubscribing lead out unless its status is final', () => {
    expect(activityEffect('unsubscribed', 'contacted')).toEqual({ contacted: false, status: 'do_not_contact' });
    expect(activityEffect('unsubscribed', 'closed_won')).toEqual({ contacted: false, status: null });
    expect(activityEffect('unsubscribed', 'do_not_contact')).toEqual({ contacted: false, status: null });
  });

  it('classifies a finished call', () => {
    expect(callActivityType({ status: 'completed', duration_seconds: 120, outcome: 'interested' })).toBe('call_answered');
    expect(callActivityType({ status: 'completed', duration_seconds: 30, outcome: 'voicemail' })).toBe('voicemail_left');
    expect(callActivityType({ status: 'completed', duration_seconds: 0, outcome: null })).toBe('call_missed');
    expect(callActivityType({ status: 'no_answer', duration_seconds: 0, outcome: null })).toBe('call_missed');
  });
});
