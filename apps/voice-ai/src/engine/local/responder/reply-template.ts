import type { ConversationContext } from '../../conversation-engine';

/** The placeholders an agent's greeting and the engine's replies may use. */
export interface TemplateValues {
  lead_name: string;
  first_name: string;
  agent_name: string;
  company: string;
  lead_company: string;
  /** Without a lead name, ", {first_name}" is dropped rather than spoken as ", there". */
  hasName: boolean;
}

export function templateValues(ctx: ConversationContext): TemplateValues {
  const leadName = ctx.lead?.name.trim() ?? '';
  return {
    lead_name: leadName || 'there',
    first_name: leadName.split(/\s+/)[0] || 'there',
    agent_name: ctx.agent.name,
    company: ctx.agent.companyName?.trim() || 'our company',
    lead_company: ctx.lead?.company?.trim() || 'your company',
    hasName: leadName !== '',
  };
}

/** Fills `{lead_name}` and the other placeholders; unknown ones stay as written, then spacing is tidied. */
export function renderTemplate(template: string, values: TemplateValues): string {
  const named = values.hasName ? template : template.replace(/,\s*\{(first_name|lead_name)\}/g, '');
  const filled = named.replace(/\{([a-z_]+)\}/g, (whole, key: string) =>
    key !== 'hasName' && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key as keyof TemplateValues]) : whole);
  return tidy(filled);
}

/** "Hi there, ," and double spaces left by empty parts read badly when spoken. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s+([,.!?])/g, '$1').replace(/([,.!?])\1+/g, '$1').trim();
}
