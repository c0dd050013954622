import type { NumberBindingDto } from '@parley/contracts';
import type { AiNumberBindingEntity } from './ai-number-binding.entity';

export function toNumberBindingDto(binding: AiNumberBindingEntity): NumberBindingDto {
  return { phone_number: binding.phoneNumber, ai_agent_id: binding.aiAgentId, bound_at: binding.boundAt.toISOString() };
}
