import type { ServiceDatabase } from '@parley/platform';
import { LeadActivityEntity } from '../activity/lead-activity.entity';
import { CampaignEntity } from '../campaign/campaign.entity';
import { LeadImportEntity } from '../import-export/lead-import.entity';
import { LeadEntity } from '../lead/lead.entity';
import { AgentPresenceEntity } from '../queue/agent-presence.entity';
import { RoutingDecisionEntity } from '../routing/routing-decision.entity';
import { RoutingRuleEntity } from '../routing/routing-rule.entity';
import { LeadSettingsEntity } from '../settings/lead-settings.entity';
import { CreateLeadsTables1766000000000 } from './migrations/1766000000000-create-leads-tables';
import { AddQueueIndexes1766000000100 } from './migrations/1766000000100-add-queue-indexes';

export const leadsDatabase: ServiceDatabase = {
  entities: [
    LeadEntity, LeadActivityEntity, LeadSettingsEntity, LeadImportEntity,
    CampaignEntity, RoutingRuleEntity, RoutingDecisionEntity, AgentPresenceEntity,
  ],
  migrations: [
    CreateLeadsTables1766000000000,
    AddQueueIndexes1766000000100,
  ],
};
