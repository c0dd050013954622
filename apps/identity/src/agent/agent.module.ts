import { Module } from '@nestjs/common';
import { AgentHandler } from './agent.handler';
import { AgentService } from './agent.service';

@Module({ controllers: [AgentHandler], providers: [AgentService] })
export class AgentModule {}
