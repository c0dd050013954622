import type { AiAgentDto } from '@parley/contracts';
import type { AgentProfile } from '../engine/conversation-engine';
import type { AiAgentEntity } from './ai-agent.entity';

export function toAiAgentDto(agent: AiAgentEntity): AiAgentDto {
  return {
    id: agent.id,
    name: agent.name,
    role: agent.role,
    instructions: agent.instructions,
    greeting: agent.greeting,
    company_name: agent.companyName,
    voice: agent.voice,
    tone: agent.tone,
    channels: agent.channels,
    knowledge_bases: agent.knowledgeBases,
    tools: agent.tools,
    extraction_fields: agent.extractionFields,
    provider: agent.provider,
    model: agent.model,
    status: agent.status,
    phone_number: agent.phoneNumber,
    deployed_at: agent.deployedAt ? agent.deployedAt.toISOString() : null,
    created_at: agent.createdAt.toISOString(),
    updated_at: agent.updatedAt.toISOString(),
  };
}

/** The agent as an engine sees it. */
export function toAgentProfile(agent: AiAgentEntity): AgentProfile {
  return {
    id: agent.id,
    name: agent.name,
    role: agent.role,
    instructions: agent.instructions,
    greeting: agent.greeting,
    companyName: agent.companyName,
    tone: agent.tone,
    knowledgeBases: agent.knowledgeBases,
    tools: agent.tools,
    extractionFields: agent.extractionFields,
    model: agent.model,
    language: agent.voice.language,
  };
}
