// First: the contracts' validation decorators read design-time types as they load.
import 'reflect-metadata';
import { bootService, loadConfig } from '@parley/platform';
import { IdentityAppModule } from './identity-app.module';
import { identityConfigSpec } from './identity.config';

const config = loadConfig(identityConfigSpec);
void bootService(IdentityAppModule.forRoot(config), config);
