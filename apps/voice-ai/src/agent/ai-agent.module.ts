import { Module } from '@nestjs/common';
import { AiAgentHandler } from './ai-agent.handler';
import { AiAgentService } from './ai-agent.service';

/** AI agents: definition, status and the number each answers. */
@Module({ controllers: [AiAgentHandler], providers: [AiAgentService], exports: [AiAgentService] })
export class AiAgentModule {}
