import type { ServiceDatabase } from '@parley/platform';
import { CallEntity } from '../call/call.entity';
import { ChannelSettingsEntity } from '../channels/channel-settings.entity';
import { CallEscalationEntity } from '../escalation/call-escalation.entity';
import { CallNoteEntity } from '../note/call-note.entity';
import { AiNumberBindingEntity } from '../number-binding/ai-number-binding.entity';
import { TelephonySettingsEntity } from '../settings/telephony-settings.entity';
import { CreateTelephonyTables1768000000000 } from './migrations/1768000000000-create-telephony-tables';
import { CreateEscalationAndChannelTables1768200000000 } from './migrations/1768200000000-create-escalation-and-channel-tables';
import { CreateAiNumberBindings1769000000000 } from './migrations/1769000000000-create-ai-number-bindings';

/** Webhook receipts are written with plain SQL (WebhookReceipts), so they have no entity. */
export const telephonyDatabase: ServiceDatabase = {
  entities: [CallEntity, CallNoteEntity, TelephonySettingsEntity, CallEscalationEntity, ChannelSettingsEntity, AiNumberBindingEntity],
  migrations: [CreateTelephonyTables1768000000000, CreateEscalationAndChannelTables1768200000000, CreateAiNumberBindings1769000000000],
};
