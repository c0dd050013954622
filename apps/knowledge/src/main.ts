// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { KnowledgeAppModule } from './knowledge-app.module';
import { knowledgeConfigSpec } from './knowledge.config';

const config = loadConfig(knowledgeConfigSpec);
void bootService(KnowledgeAppModule.forRoot(config), config);
