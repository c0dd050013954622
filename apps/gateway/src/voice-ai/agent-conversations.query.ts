import { OmitType } from '@nestjs/mapped-types';
import { AgentConversationsRequest } from '@parley/contracts';

/** `GET /ai-agents/:id/conversations?limit=`: the request without the id, which comes from the path. */
export class AgentConversationsQuery extends OmitType(AgentConversationsRequest, ['id'] as const) {}
