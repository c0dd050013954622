import type { UtteranceAnalysis } from './utterance-analysis';

/**
 * Structured output for the fake model: a value valid for a JSON schema, each property filled by
 * type, the well-known ones (reply, intent, sentiment_score, objections, interest_signals, state,
 * extraction fields like email or budget) filled from what the conversation said.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
}

export interface FillContext {
  /** The caller's last line, understood. */
  analysis: UtteranceAnalysis;
  /** What the model says back. */
  reply: string;
  lastUserText: string;
  /** Every message's text: where extraction fields are looked for. */
  conversationText: string;
  /** The callback instant the last line asked for, ISO 8601, if any. */
  callbackAt: string | null;
}

export function fillSchema(schema: JsonSchema, context: FillContext): unknown {
  return fill(schema, '', context, schema, 0);
}

function fill(raw: JsonSchema, name: string, context: FillContext, root: JsonSchema, depth: number): unknown {
  const schema = resolve(raw, root);
  if (depth > 12) return null;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pickEnum(schema.enum, name, context);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) {
    const usable = variants.find((variant) => !isNullOnly(resolve(variant, root))) ?? variants[0];
    return fill(usable, name, context, root, depth + 1);
  }
  if (schema.allOf && schema.allOf.length > 0) {
    return fill(Object.assign({}, ...schema.allOf.map((part) => resolve(part, root))) as JsonSchema, name, context, root, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') ?? 'null' : schema.type ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, fill(child, key, context, root, depth + 1)]));
    case 'array':
      return fillArray(schema, name, context, root, depth);
    case 'number':
    case 'integer':
      return clampNumber(numberFor(name, context), schema, type === 'integer');
    case 'boolean':
      return booleanFor(name, context);
    case 'null':
      return null;
    default:
      return stringFor(name, schema, context);
  }
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(current.$ref);
    const target = match ? (match[1] === '$defs' ? root.$defs : root.definitions)?.[match[2]] : current.$ref === '#' ? root : undefined;
    if (!target) break;
    current = target;
  }
  return current;
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.every((t) => t === 'null'));
}

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_');

function fillArray(schema: JsonSchema, name: string, context: FillContext, root: JsonSchema, depth: number): unknown[] {
  const items = resolve(schema.items ?? {}, root);
  const known = /objection/.test(key(name)) ? context.analysis.objections : /signal|interest/.test(key(name)) ? context.analysis.interestSignals : null;
  let values: unknown[];
  if (known) {
    const allowed = items.enum;
    values = Array.isArray(allowed) ? known.map((value) => closestEnum(allowed, [value])).filter((value) => value !== undefined) : [...known];
    values = [...new Set(values)];
  } else {
    values = [];
  }
  while (values.length < (schema.minItems ?? 0)) values.push(fill(items, singular(name), context, root, depth + 1));
  return schema.maxItems !== undefined ? values.slice(0, schema.maxItems) : values;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** Candidates in order of preference for a named enum; the first enum value one matches wins. */
function pickEnum(values: unknown[], name: string, context: FillContext): unknown {
  const k = key(name);
  const { analysis } = context;
  let candidates: string[] = [];
  if (/intent/.test(k)) candidates = intentCandidates(analysis);
  else if (/state|stage|phase/.test(k)) candidates = [analysis.state, ...(analysis.state === 'ended' ? ['closing'] : [])];
  else if (/sentiment|mood|tone/.test(k)) candidates = [analysis.sentiment];
  else if (/objection/.test(k)) candidates = analysis.objections;
  else if (/status/.test(k)) candidates = statusCandidates(analysis);
  else if (/reason/.test(k)) candidates = [analysis.intent];
  return closestEnum(values, candidates) ?? keywordEnum(values, context.lastUserText) ?? values[0];
}

function intentCandidates(analysis: UtteranceAnalysis): string[] {
  switch (analysis.intent) {
    case 'objection':
      return analysis.objections.flatMap((kind) => [`objection_${kind}`, `${kind}_objection`]).concat(['objection', ...analysis.objections]);
    case 'callback_request':
      return ['callback_request', 'callback', 'schedule_callback', 'schedule'];
    case 'transfer_request':
      return ['transfer_request', 'transfer', 'human', 'escalate'];
    case 'opt_out':
      return ['opt_out', 'do_not_call', 'unsubscribe', 'not_interested'];
    case 'agreement':
      return ['agreement', 'interested', 'positive', 'yes'];
    case 'pricing':
      return ['pricing', 'price', 'question'];
    case 'demo_request':
      return ['demo_request', 'demo', 'interested'];
    case 'not_interested':
      return ['not_interested', 'rejection', 'objection'];
    case 'unknown':
      return ['unknown', 'other', 'small_talk'];
    default:
      return [analysis.intent];
  }
}

function statusCandidates(analysis: UtteranceAnalysis): string[] {
  if (analysis.intent === 'opt_out') return ['do_not_contact', 'do_not_call', 'lost'];
  if (analysis.intent === 'not_interested') return ['not_interested', 'lost', 'disqualified'];
  if (['agreement', 'demo_request', 'callback_request'].includes(analysis.intent)) return ['qualified', 'interested', 'contacted'];
  return ['contacted'];
}

function closestEnum(values: unknown[], candidates: string[]): unknown {
  const strings = values.filter((value): value is string => typeof value === 'string');
  for (const candidate of candidates) {
    const exact = strings.find((value) => key(value) === key(candidate));
    if (exact !== undefined) return exact;
  }
  for (const candidate of candidates) {
    const near = strings.find((value) => key(value).includes(key(candidate)) || key(candidate).includes(key(value)));
    if (near !== undefined) return near;
  }
  return undefined;
}

function keywordEnum(values: unknown[], text: string): unknown {
  const lower = text.toLowerCase();
  return values.find((value) => typeof value === 'string' && value.length > 2 && lower.includes(value.toLowerCase().replace(/_/g, ' ')));
}

function stringFor(name: string, schema: JsonSchema, context: FillContext): string {
  const k = key(name);
  let value = '';
  if (/^(reply|response|message|answer|text|utterance|say|content)$/.test(k) || /reply|response_text/.test(k)) value = context.reply;
  else if (/intent/.test(k)) value = context.analysis.intent;
  else if (/state|stage/.test(k)) value = context.analysis.state;
  else if (/sentiment/.test(k)) value = context.analysis.sentiment;
  else if (/summary/.test(k)) value = `The caller said: "${clip(context.lastUserText, 200)}".`;
  else if (/email/.test(k)) value = EMAIL.exec(context.conversationText)?.[0] ?? '';
  else if (/phone|number/.test(k)) value = PHONE.exec(context.conversationText)?.[0].trim() ?? '';
  else if (schema.format === 'date-time' || /when|date|time|callback/.test(k)) value = /timeline/.test(k) ? timeline(context) : context.callbackAt ?? '';
  else if (/budget/.test(k)) value = BUDGET.exec(context.conversationText)?.[0] ?? '';
  else if (/timeline|timeframe/.test(k)) value = timeline(context);
  else if (/competitor|provider|vendor/.test(k)) value = COMPETITOR.exec(context.conversationText)?.[4] ?? '';
  else if (/size|team|employees|seats/.test(k)) value = TEAM_SIZE.exec(context.conversationText)?.[0] ?? '';
  else if (/note|comment|detail|reason|description|query|question/.test(k)) value = context.lastUserText;
  if (schema.maxLength !== undefined) value = value.slice(0, schema.maxLength);
  return value.length < (schema.minLength ?? 0) ? value.padEnd(schema.minLength ?? 0, '.') : value;
}

function numberFor(name: string, context: FillContext): number {
  const k = key(name);
  if (/sentiment|mood/.test(k)) return context.analysis.sentimentScore;
  if (/confidence/.test(k)) return 0.9;
  if (/probability|likelihood/.test(k)) return Math.round(Math.max(0, Math.min(1, 0.5 + context.analysis.sentimentScore / 2)) * 100) / 100;
  if (/budget|amount|price|value|revenue/.test(k)) return money(context.conversationText);
  if (/size|count|seats|employees|team|users|agents/.test(k)) return Number(TEAM_SIZE.exec(context.conversationText)?.[1] ?? 0);
  if (/score/.test(k)) return context.analysis.sentimentScore;
  return 0;
}

function booleanFor(name: string, context: FillContext): boolean {
  const k = key(name);
  const text = context.conversationText.toLowerCase();
  if (/continue/.test(k)) return !['opt_out', 'goodbye', 'not_interested', 'transfer_request'].includes(context.analysis.intent);
  if (/decision|authority/.test(k)) return /\b(i'?m the decision|i decide|i make the (final )?decision|it'?s my (call|decision)|i'?m the owner)\b/.test(text);
  if (/opt_?out|do_not/.test(k)) return context.analysis.intent === 'opt_out';
  if (/interest|qualified/.test(k)) return context.analysis.sentimentScore > 0 || context.analysis.interestSignals.length > 0;
  if (/transfer|escalat/.test(k)) return context.analysis.intent === 'transfer_request';
  if (/callback/.test(k)) return context.analysis.intent === 'callback_request';
  return false;
}

function clampNumber(value: number, schema: JsonSchema, integer: boolean): number {
  let result = integer ? Math.round(value) : value;
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : undefined);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : undefined);
  if (low !== undefined) result = Math.max(low, result);
  if (high !== undefined) result = Math.min(high, result);
  return result;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /\+?\d[\d\s().-]{7,}\d/;
const BUDGET = /\$\s?\d[\d,]*(\.\d+)?\s*(k|thousand|million|m)?\b|\b\d[\d,]*\s*(dollars|usd|euros|eur)\b/i;
const TEAM_SIZE = /\b(\d+)\s*(people|employees|staff|seats|users|agents|reps|person)\b/i;
const COMPETITOR = /\b(already (use|have|work with)|switched from|currently use)\s+(a |an |the )?([A-Z][\w-]*)/;
const TIMELINE = /\b(next|this) (week|month|quarter|year)\b|\bin \d+ (weeks?|months?)\b|\bq[1-4]\b/i;

function timeline(context: FillContext): string {
  return TIMELINE.exec(context.conversationText)?.[0] ?? '';
}

function money(text: string): number {
  const match = BUDGET.exec(text);
  if (!match) return 0;
  const amount = Number((/\d[\d,]*(\.\d+)?/.exec(match[0])?.[0] ?? '0').replace(/,/g, ''));
  const scale = /k|thousand/i.test(match[2] ?? '') ? 1000 : /m/i.test(match[2] ?? '') ? 1_000_000 : 1;
  return amount * scale;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Why OpenAI would refuse a strict schema (structured outputs' rules: every object closes
 * additionalProperties and requires each of its properties), or null when it is fine.
 */
export function strictSchemaProblem(schema: JsonSchema, root: JsonSchema = schema, path = '()'): string | null {
  const node = schema.$ref ? resolve(schema, root) : schema;
  if (node !== schema) return null;
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
  if (isObject && node.properties) {
    if (node.additionalProperties !== false) return `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`;
    const missing = Object.keys(node.properties).filter((name) => !(node.required ?? []).includes(name));
    if (missing.length > 0) return `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [name, child] of Object.entries(node.properties)) {
      const problem = strictSchemaProblem(child, root, `${path === '()' ? '(' : path.slice(0, -1) + ', '}'properties', '${name}')`);
      if (problem) return problem;
    }
  }
  for (const child of [node.items, ...(node.anyOf ?? []), ...Object.values(node.$defs ?? {}), ...Object.values(node.definitions ?? {})]) {
    if (child) {
      const problem = strictSchemaProblem(child, root, path);
      if (problem) return problem;
    }
  }
  return null;
}
