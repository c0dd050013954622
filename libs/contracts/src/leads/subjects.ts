import type { ByIdDto, Page } from '../common/pagination';
import type { MessageDto } from '../identity/auth.dto';
import type {
  CreateLeadDto, LeadDto, LeadOverviewDto, LeadOverviewQueryDto, LeadQueryDto, LeadStatsDto, PatchLeadRequest,
  ReplaceLeadRequest,
} from './lead.dto';
import type { ActivityCreatedDto, ActivityDto, CreateActivityRequest, ListActivitiesRequest } from './activity.dto';
import type {
  LeadSettingsDto, LeadSettingsView, RankedLeadsQueryDto, ScoreLeadsDto, ScoreLeadsResultDto, ScoredLeadDto,
} from './score.dto';
import type {
  AutomationMetricsDto, CreateRoutingRuleDto, RouteLeadDto, RoutingDecisionDto, RoutingRuleDto, UpdateRoutingRuleRequest,
} from './routing.dto';
import type {
  CampaignDto, CampaignQueryDto, CampaignStatsDto, CreateCampaignDto, ScheduleCampaignDto, UpdateCampaignRequest,
} from './campaign.dto';
import type { QueueNextDto, QueueStatusDto } from './queue.dto';
import type { ExportLeadsQueryDto, ExportLeadsResultDto, ImportLeadsRequest, ImportLeadsResultDto } from './import-export.dto';

export const LeadsSubjects = {
  listLeads: 'leads.lead.list',
  createLead: 'leads.lead.create',
  getLead: 'leads.lead.get',
  replaceLead: 'leads.lead.replace',
  patchLead: 'leads.lead.patch',
  deleteLead: 'leads.lead.delete',
  leadStats: 'leads.lead.stats',
  leadOverview: 'leads.lead.overview',
  importLeads: 'leads.lead.import',
  exportLeads: 'leads.lead.export',
  listActivities: 'leads.activity.list',
  createActivity: 'leads.activity.create',
  scoreLead: 'leads.score.lead',
  scoreLeads: 'leads.score.batch',
  rankedLeads: 'leads.score.ranked',
  getSettings: 'leads.settings.get',
  updateSettings: 'leads.settings.update',
  listRoutingRules: 'leads.routing_rule.list',
  createRoutingRule: 'leads.routing_rule.create',
  updateRoutingRule: 'leads.routing_rule.update',
  deleteRoutingRule: 'leads.routing_rule.delete',
  routeLead: 'leads.routing.route',
  automationMetrics: 'leads.automation.metrics',
  listCampaigns: 'leads.campaign.list',
  createCampaign: 'leads.campaign.create',
  getCampaign: 'leads.campaign.get',
  updateCampaign: 'leads.campaign.update',
  deleteCampaign: 'leads.campaign.delete',
  campaignStats: 'leads.campaign.stats',
  startCampaign: 'leads.campaign.start',
  pauseCampaign: 'leads.campaign.pause',
  scheduleCampaign: 'leads.campaign.schedule',
  queueStatus: 'leads.queue.status',
  queueNext: 'leads.queue.next',
} as const;

/** Request and response type of every leads subject. */
export interface LeadsRequests {
  [LeadsSubjects.listLeads]: { req: LeadQueryDto; res: Page<LeadDto> };
  [LeadsSubjects.createLead]: { req: CreateLeadDto; res: LeadDto };
  [LeadsSubjects.getLead]: { req: ByIdDto; res: LeadDto };
  [LeadsSubjects.replaceLead]: { req: ReplaceLeadRequest; res: LeadDto };
  [LeadsSubjects.patchLead]: { req: PatchLeadRequest; res: LeadDto };
  [LeadsSubjects.deleteLead]: { req: ByIdDto; res: MessageDto };
  [LeadsSubjects.leadStats]: { req: Record<string, never>; res: LeadStatsDto };
  [LeadsSubjects.leadOverview]: { req: LeadOverviewQueryDto; res: LeadOverviewDto };
  [LeadsSubjects.importLeads]: { req: ImportLeadsRequest; res: ImportLeadsResultDto };
  [LeadsSubjects.exportLeads]: { req: ExportLeadsQueryDto; res: ExportLeadsResultDto };
  [LeadsSubjects.listActivities]: { req: ListActivitiesRequest; res: Page<ActivityDto> };
  [LeadsSubjects.createActivity]: { req: CreateActivityRequest; res: ActivityCreatedDto };
  [LeadsSubjects.scoreLead]: { req: ByIdDto; res: ScoredLeadDto };
  [LeadsSubjects.scoreLeads]: { req: ScoreLeadsDto; res: ScoreLeadsResultDto };
  [LeadsSubjects.rankedLeads]: { req: RankedLeadsQueryDto; res: LeadDto[] };
  [LeadsSubjects.getSettings]: { req: Record<string, never>; res: LeadSettingsView };
  [LeadsSubjects.updateSettings]: { req: LeadSettingsDto; res: LeadSettingsView };
  [LeadsSubjects.listRoutingRules]: { req: Record<string, never>; res: RoutingRuleDto[] };
  [LeadsSubjects.createRoutingRule]: { req: CreateRoutingRuleDto; res: RoutingRuleDto };
  [LeadsSubjects.updateRoutingRule]: { req: UpdateRoutingRuleRequest; res: RoutingRuleDto };
  [LeadsSubjects.deleteRoutingRule]: { req: ByIdDto; res: MessageDto };
  [LeadsSubjects.routeLead]: { req: RouteLeadDto; res: RoutingDecisionDto };
  [LeadsSubjects.automationMetrics]: { req: Record<string, never>; res: AutomationMetricsDto };
  [LeadsSubjects.listCampaigns]: { req: CampaignQueryDto; res: Page<CampaignDto> };
  [LeadsSubjects.createCampaign]: { req: CreateCampaignDto; res: CampaignDto };
  [LeadsSubjects.getCampaign]: { req: ByIdDto; res: CampaignDto };
  [LeadsSubjects.updateCampaign]: { req: UpdateCampaignRequest; res: CampaignDto };
  [LeadsSubjects.deleteCampaign]: { req: ByIdDto; res: MessageDto };
  [LeadsSubjects.campaignStats]: { req: Record<string, never>; res: CampaignStatsDto };
  [LeadsSubjects.startCampaign]: { req: ByIdDto; res: CampaignDto };
  [LeadsSubjects.pauseCampaign]: { req: ByIdDto; res: CampaignDto };
  [LeadsSubjects.scheduleCampaign]: { req: ScheduleCampaignDto; res: CampaignDto };
  [LeadsSubjects.queueStatus]: { req: Record<string, never>; res: QueueStatusDto };
  [LeadsSubjects.queueNext]: { req: Record<string, never>; res: QueueNextDto };
}

