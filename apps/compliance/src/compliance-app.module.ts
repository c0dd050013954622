import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { CallingCheckModule } from './calling-check/calling-check.module';
import { CallingWindowModule } from './calling-window/calling-window.module';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from './compliance.config';
import { complianceDatabase } from './database/compliance.database';
import { DncModule } from './dnc/dnc.module';

/** The compliance service (calling rules for now); a dynamic module so tests boot it with their own config. */
@Module({})
export class ComplianceAppModule {
  static forRoot(config: ComplianceConfig): DynamicModule {
    return {
      module: ComplianceAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'compliance', config, database: complianceDatabase }),
        DncModule,
        CallingWindowModule,
        CallingCheckModule,
      ],
      providers: [{ provide: COMPLIANCE_CONFIG, useValue: config }],
      exports: [COMPLIANCE_CONFIG],
    };
  }
}
