// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { TelephonyAppModule } from './telephony-app.module';
import { telephonyConfigSpec } from './telephony.config';

const config = loadConfig(telephonyConfigSpec);
void bootService(TelephonyAppModule.forRoot(config), config);
