// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { ComplianceAppModule } from './compliance-app.module';
import { complianceConfigSpec } from './compliance.config';

const config = loadConfig(complianceConfigSpec);
void bootService(ComplianceAppModule.forRoot(config), config);
