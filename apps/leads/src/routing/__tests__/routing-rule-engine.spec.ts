import { matchRule, sortRules, validateRoutingRule, type EvaluableRule, type RoutingLeadSnapshot } from '../routing-rule-engine';

const lead: RoutingLeadSnapshot = {
  source: 'Website', status: 'new', priority: 'hot', score: 0.82, industry: 'Software', company: 'Acme Robotics',
  company_size: 250, annual_revenue: 12_000_000, budget: 50_000, country: 'US', title: 'CTO', tags: ['Enterprise', 'demo'],
  campaign_id: null,
};

let seq = 0;
function rule(partial: Partial<EvaluableRule>): EvaluableRule {
  seq += 1;
  return {
    id: `r${seq}`, name: `rule ${seq}`, priority: 100, enabled: true, created_at: new Date(2025, 0, seq),
    conditions: [], action: { type: 'least_busy' }, ...partial,
  };
}

describe('validateRoutingRule', () => {
  const action = { type: 'least_busy' as const };

  it('accepts values that fit their operator and field', () => {
    expect(validateRoutingRule([
      { field: 'source', operator: 'equals', value: 'website' },
      { field: 'industry', operator: 'in', value: ['software', 'fintech'] },
      { field: 'score', operator: 'gte', value: 0.7 },
      { field: 'budget', operator: 'between', value: [1000, 5000] },
      { field: 'company', operator: 'contains', value: 'acme' },
      { field: 'tags', operator: 'contains', value: 'vip' },
      { field: 'company_size', operator: 'in', value: [10, 50] },
      { field: 'status', operator: 'not_in', value: ['closed_won'] },
    ], action)).toEqual({});
  });

  it('names the condition whose value does not fit', () => {
    const errors = validateRoutingRule([
      { field: 'source', operator: 'equals', value: 'ok' },
      { field: 'industry', operator: 'in', value: [] },
      { field: 'budget', operator: 'between', value: [5000, 1000] },
      { field: 'score', operator: 'gte', value: '0.5' },
      { field: 'company', operator: 'gte', value: 3 },
      { field: 'budget', operator: 'contains', value: '10' },
      { field: 'score', operator: 'lte', value: 7 },
      { field: 'status', operator: 'equals', value: 'archived' },
      { field: 'source', operator: 'equals', value: ['a', 'b'] },
      { field: 'title', operator: 'contains', value: '  ' },
    ], action);
    expect(Object.keys(errors)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `conditions[${i}].value`));
    expect(errors['conditions[1].value']).toEqual(['in takes a non-empty array']);
    expect(errors['conditions[2].value']).toEqual(['between takes [min, max] with min <= max']);
    expect(errors['conditions[3].value']).toEqual(['score values must be numbers']);
    expect(errors['conditions[4].value'][0]).toMatch(/gte compares numbers; company is not numeric/);
    expect(errors['conditions[5].value'][0]).toMatch(/budget is a number/);
    expect(errors['conditions[6].value']).toEqual(['score values must be between 0 and 1']);
    expect(errors['conditions[7].value'][0]).toMatch(/status must be one of new, contacted/);
  });

  it('requires the agent of assign_to_agent and the team of assign_to_team', () => {
    expect(validateRoutingRule([], { type: 'assign_to_agent' })).toEqual({ 'action.agent_id': ['assign_to_agent needs agent_id'] });
    expect(Object.keys(validateRoutingRule([], { type: 'assign_to_team', agent_ids: [] }))).toEqual(['action.team']);
  });
});

describe('matchRule', () => {
  it('picks the first enabled rule, by priority then age, whose conditions all hold', () => {
    const disabled = rule({ priority: 1, enabled: false });
    const notMatching = rule({ priority: 2, conditions: [{ field: 'country', operator: 'equals', value: 'DE' }] });
    const olderWinner = rule({ priority: 5, conditions: [{ field: 'score', operator: 'gte', value: 0.8 }] });
    const youngerSamePriority = rule({ priority: 5 });
    const later = rule({ priority: 9 });
    expect(matchRule([later, youngerSamePriority, olderWinner, notMatching, disabled], lead)?.id).toBe(olderWinner.id);
    expect(sortRules([later, youngerSamePriority, olderWinner]).map((r) => r.id)).toEqual([olderWinner.id, youngerSamePriority.id, later.id]);
  });

  it('requires every condition (AND) and compares text ignoring case', () => {
    const r = rule({
      conditions: [
        { field: 'source', operator: 'equals', value: 'WEBSITE' },
        { field: 'industry', operator: 'in', value: ['fintech', 'software'] },
        { field: 'company', operator: 'contains', value: 'robot' },
        { field: 'tags', operator: 'contains', value: 'enterprise' },
        { field: 'company_size', operator: 'between', value: [200, 300] },
        { field: 'budget', operator: 'lte', value: 50_000 },
        { field: 'priority', operator: 'not_equals', value: 'cold' },
        { field: 'country', operator: 'not_in', value: ['de', 'fr'] },
      ],
    });
    expect(matchRule([r], lead)).toBe(r);
    expect(matchRule([r], { ...lead, tags: ['smb'] })).toBeNull();
    expect(matchRule([r], { ...lead, company_size: 301 })).toBeNull();
  });

  it('treats a missing field as matching only negative operators', () => {
    const noIndustry = { ...lead, industry: null, budget: null };
    expect(matchRule([rule({ conditions: [{ field: 'industry', operator: 'equals', value: 'software' }] })], noIndustry)).toBeNull();
    expect(matchRule([rule({ conditions: [{ field: 'budget', operator: 'gte', value: 0 }] })], noIndustry)).toBeNull();
    const negative = rule({ conditions: [{ field: 'industry', operator: 'not_equals', value: 'software' }] });
    expect(matchRule([negative], noIndustry)).toBe(negative);
  });

  it('matches every lead with an empty condition list and none when no rule applies', () => {
    const catchAll = rule({ priority: 1000 });
    expect(matchRule([catchAll], lead)).toBe(catchAll);
    expect(matchRule([], lead)).toBeNull();
  });

  it('reads tags in/not_in as any of the tags', () => {
    expect(matchRule([rule({ conditions: [{ field: 'tags', operator: 'in', value: ['vip', 'DEMO'] }] })], lead)).not.toBeNull();
    expect(matchRule([rule({ conditions: [{ field: 'tags', operator: 'not_in', value: ['demo'] }] })], lead)).toBeNull();
  });
});
