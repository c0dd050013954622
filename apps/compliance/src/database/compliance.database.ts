import type { ServiceDatabase } from '@parley/platform';
import { CallingWindowsEntity } from '../calling-window/calling-windows.entity';
import { DncNumberEntity } from '../dnc/dnc-number.entity';
import { CreateCallingRulesTables1768000000000 } from './migrations/1768000000000-create-calling-rules-tables';

export const complianceDatabase: ServiceDatabase = {
  entities: [DncNumberEntity, CallingWindowsEntity],
  migrations: [CreateCallingRulesTables1768000000000],
};
