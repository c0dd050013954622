import {
  LEAD_PRIORITIES, LEAD_STATUSES,
  type LeadPriority, type LeadStatus, type RoutingActionType, type RoutingField, type RoutingOperator,
} from '@parley/contracts';

export interface RoutingCondition {
  field: RoutingField;
  operator: RoutingOperator;
  value: unknown;
}

export interface RoutingAction {
  type: RoutingActionType;
  agent_id?: string | null;
  team?: string | null;
  agent_ids?: string[];
}

/** What a rule may look at: the lead's routable fields. */
export interface RoutingLeadSnapshot {
  source: string;
  status: LeadStatus;
  priority: LeadPriority;
  score: number;
  industry: string | null;
  company: string | null;
  company_size: number | null;
  annual_revenue: number | null;
  budget: number | null;
  country: string | null;
  title: string | null;
  tags: string[];
  campaign_id: string | null;
}

export interface EvaluableRule {
  id: string;
  name: string;
  priority: number;
  enabled: boolean;
  created_at: Date;
  conditions: RoutingCondition[];
  action: RoutingAction;
}

/** `{ 'conditions[1].value': ['...'] }`, the same shape as payload validation details. */
export type RuleErrors = Record<string, string[]>;

const NUMERIC_FIELDS: ReadonlySet<RoutingField> = new Set(['score', 'company_size', 'annual_revenue', 'budget']);
const NUMERIC_FIELD_OPERATORS: ReadonlySet<RoutingOperator> = new Set([
  'equals', 'not_equals', 'in', 'not_in', 'gte', 'lte', 'between',
]);
const RANGE_OPERATORS: ReadonlySet<RoutingOperator> = new Set(['gte', 'lte', 'between']);
const ENUM_VALUES: Partial<Record<RoutingField, readonly string[]>> = {
  status: LEAD_STATUSES,
  priority: LEAD_PRIORITIES,
};

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
    || typeof value === 'boolean';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Problems with one condition's value for its field and operator (empty when it fits). */
function valueProblems(condition: RoutingCondition): string[] {
  const { field, operator, value } = condition;
  const numeric = NUMERIC_FIELDS.has(field);
  if (numeric && !NUMERIC_FIELD_OPERATORS.has(operator)) {
    return [`${field} is a number: use equals, not_equals, in, not_in, gte, lte or between, not ${operator}`];
  }
  if (!numeric && RANGE_OPERATORS.has(operator)) {
    return [`${operator} compares numbers; ${field} is not numeric (numeric fields: ${[...NUMERIC_FIELDS].join(', ')})`];
  }
  const element = (v: unknown): string | null => {
    if (numeric) {
      if (!isNumber(v)) return `${field} values must be numbers`;
      if (field === 'score' && (v < 0 || v > 1)) return 'score values must be between 0 and 1';
      return null;
    }
    if (!isScalar(v)) return 'values must be non-empty strings, numbers or booleans';
    const allowed = ENUM_VALUES[field];
    if (allowed && !allowed.includes(String(v).toLowerCase())) return `${field} must be one of ${allowed.join(', ')}`;
    return null;
  };
  switch (operator) {
    case 'equals':
    case 'not_equals': {
      if (Array.isArray(value)) return [`${operator} takes one value; use in/not_in for a list`];
      const problem = element(value);
      return problem ? [problem] : [];
    }
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0) return [`${operator} takes a non-empty array`];
      const problem = value.map(element).find((p) => p !== null);
      return problem ? [problem] : [];
    }
    case 'gte':
    case 'lte': {
      const problem = element(value);
      return problem ? [problem] : [];
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return ['between takes [min, max]'];
      const problem = value.map(element).find((p) => p !== null);
      if (problem) return [problem];
      return (value[0] as number) <= (value[1] as number) ? [] : ['between takes [min, max] with min <= max'];
    }
    case 'contains':
      return typeof value === 'string' && value.trim().length > 0 ? [] : ['contains takes a non-empty string'];
  }
}

/** Checks conditions and action fit together; the keys name the offending path. */
export function validateRoutingRule(conditions: RoutingCondition[], action: RoutingAction): RuleErrors {
  const errors: RuleErrors = {};
  conditions.forEach((condition, i) => {
    const problems = valueProblems(condition);
    if (problems.length > 0) errors[`conditions[${i}].value`] = problems;
  });
  if (action.type === 'assign_to_agent' && !action.agent_id) {
    errors['action.agent_id'] = ['assign_to_agent needs agent_id'];
  }
  if (action.type === 'assign_to_team' && !action.team) {
    errors['action.team'] = ['assign_to_team needs team (its members go in agent_ids)'];
  }
  return errors;
}

function sameText(a: unknown, b: unknown): boolean {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function holds(condition: RoutingCondition, lead: RoutingLeadSnapshot): boolean {
  const { field, operator, value } = condition;
  if (field === 'tags') {
    const tags = lead.tags.map((t) => t.toLowerCase());
    const has = (v: unknown) => tags.includes(String(v).toLowerCase());
    const list = Array.isArray(value) ? value : [value];
    switch (operator) {
      case 'equals':
      case 'contains':
        return has(value);
      case 'not_equals':
        return !has(value);
      case 'in':
        return list.some(has);
      case 'not_in':
        return !list.some(has);
      default:
        return false;
    }
  }
  const actual = lead[field];
  if (actual === null || actual === undefined) {
    // A missing value equals nothing, so it satisfies only the negative operators.
    return operator === 'not_equals' || operator === 'not_in';
  }
  const numeric = NUMERIC_FIELDS.has(field);
  const equal = (v: unknown) => (numeric ? Number(actual) === Number(v) : sameText(actual, v));
  switch (operator) {
    case 'equals':
      return equal(value);
    case 'not_equals':
      return !equal(value);
    case 'in':
      return (value as unknown[]).some(equal);
    case 'not_in':
      return !(value as unknown[]).some(equal);
    case 'gte':
      return Number(actual) >= Number(value);
    case 'lte':
      return Number(actual) <= Number(value);
    case 'between': {
      const [min, max] = value as [number, number];
      return Number(actual) >= min && Number(actual) <= max;
    }
    case 'contains':
      return String(actual).toLowerCase().includes(String(value).toLowerCase());
  }
}

/** Runs order: priority ascending, then the older rule first. */
export function sortRules<R extends Pick<EvaluableRule, 'priority' | 'created_at'>>(rules: R[]): R[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.created_at.getTime() - b.created_at.getTime());
}

/** The first enabled rule, in run order, whose conditions all hold (an empty list always holds). */
export function matchRule<R extends EvaluableRule>(rules: R[], lead: RoutingLeadSnapshot): R | null {
  return sortRules(rules).find((rule) => rule.enabled && rule.conditions.every((c) => holds(c, lead))) ?? null;
}
