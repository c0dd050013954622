// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { LeadsAppModule } from './leads-app.module';
import { leadsConfigSpec } from './leads.config';

const config = loadConfig(leadsConfigSpec);
void bootService(LeadsAppModule.forRoot(config), config);
