import type { LeadPriority, LeadStatus } from './lead.dto';
import type { CampaignStatus } from './campaign.dto';

export interface LeadsEvents {
  'lead.created': {
    lead_id: string; name: string; source: string; status: LeadStatus; priority: LeadPriority; score: number;
    campaign_id: string | null; assigned_to: string | null;
  };
  /** `changes` names the fields that changed; `previous_status` is set when the status did. */
  'lead.updated': { lead_id: string; changes: string[]; status: LeadStatus; previous_status: LeadStatus | null };
  'lead.deleted': { lead_id: string };
  'lead.score_changed': {
    lead_id: string; previous_score: number; score: number; priority: LeadPriority; conversion_probability: number;
    reason: 'lead_changed' | 'activity' | 'call' | 'rescore' | 'settings';
  };
  'lead.assigned': {
    lead_id: string; agent_id: string | null; team: string | null; routing_rule_id: string | null;
    via: 'routing' | 'queue' | 'manual';
  };
  /** One event per import (not one lead.created per row, so a 100k-row file does not flood consumers). */
  'lead.imported': { import_id: string; created: number; merged: number; failed: number; campaign_id: string | null };
  'campaign.started': { campaign_id: string; name: string; scheduled: boolean };
  'campaign.paused': { campaign_id: string; name: string };
  'campaign.scheduled': { campaign_id: string; name: string; scheduled_at: string; status: CampaignStatus };
  /** The human queue changed (claims, new leads, agents); coalesced, at most a few per second per tenant. */
  'queue.updated': { queue_length: number; active_agents: number; priority_leads: number };
}
