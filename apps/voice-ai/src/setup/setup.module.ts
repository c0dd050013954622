import { Module } from '@nestjs/common';
import { AiAgentModule } from '../agent/ai-agent.module';
import { SetupHandler } from './setup.handler';
import { SetupService } from './setup.service';

/** Onboarding steps and the one-request setup. */
@Module({ imports: [AiAgentModule], controllers: [SetupHandler], providers: [SetupService] })
export class SetupModule {}
