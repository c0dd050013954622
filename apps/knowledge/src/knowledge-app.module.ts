import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { knowledgeDatabase } from './database/knowledge.database';
import { DocumentModule } from './document/document.module';
import { IndexModule } from './index/index.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from './knowledge.config';
import { ProductModule } from './product/product.module';

/** The knowledge service; a dynamic module so tests boot it with their own config. */
@Module({})
export class KnowledgeAppModule {
  static forRoot(config: KnowledgeConfig): DynamicModule {
    return {
      module: KnowledgeAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'knowledge', config, database: knowledgeDatabase }),
        IngestionModule,
        IndexModule,
        DocumentModule,
        ProductModule,
      ],
      providers: [{ provide: KNOWLEDGE_CONFIG, useValue: config }],
      exports: [KNOWLEDGE_CONFIG],
    };
  }
}
