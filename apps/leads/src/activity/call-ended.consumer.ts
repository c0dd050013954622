import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@parley/contracts';
import { eventContext, OnEvent, UnitOfWork } from '@parley/platform';
import { LeadService } from '../lead/lead.service';
import { callActivityType } from './activity-effects';
import { ActivityService } from './activity.service';
import { LeadActivityEntity } from './lead-activity.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describeCall(call: DomainEvent<'call.ended'>['data']): string {
  const minutes = Math.floor(call.duration_seconds / 60);
  const seconds = Math.round(call.duration_seconds % 60);
  const length = call.duration_seconds > 0 ? `, ${minutes > 0 ? `${minutes} min ` : ''}${seconds} s` : '';
  return `${call.direction} ${call.type} call ${call.status}${length}${call.outcome ? `, outcome: ${call.outcome}` : ''}`;
}

/**
 * Telephony's `call.ended` about one of our leads becomes an activity on its timeline and re-scores
 * it. The platform skips an event id it already processed; the call id guards a re-emitted call too.
 */
@Injectable()
export class CallEndedConsumer {
  private readonly logger = new Logger(CallEndedConsumer.name);

  constructor(
    private readonly leads: LeadService,
    private readonly activities: ActivityService,
  ) {}

  @OnEvent('call.ended')
  async onCallEnded(event: DomainEvent<'call.ended'>, manager: EntityManager): Promise<void> {
    const call = event.data;
    if (!call.lead_id || !UUID.test(call.lead_id)) return;
    const uow = new UnitOfWork(manager, eventContext(event));
    // The lead must belong to the event's tenant: another tenant's id is simply unknown here.
    const lead = await this.leads.findForUpdate(uow, call.lead_id);
    if (!lead) {
      this.logger.debug({ event_id: event.id, lead_id: call.lead_id }, 'call.ended for an unknown lead: ignored');
      return;
    }
    const seen = await uow.repo(LeadActivityEntity).query('a')
      .andWhere('a.leadId = :leadId', { leadId: lead.id })
      .andWhere(`a.metadata->>'call_id' = :callId`, { callId: call.call_id })
      .getCount();
    if (seen > 0) return;
    await this.activities.record(uow, lead, {
      type: callActivityType(call),
      description: describeCall(call),
      metadata: {
        call_id: call.call_id,
        duration_seconds: call.duration_seconds,
        sentiment: call.sentiment,
        outcome: call.outcome,
        direction: call.direction,
        status: call.status,
      },
      actorId: call.agent_id && UUID.test(call.agent_id) ? call.agent_id : null,
      occurredAt: new Date(event.occurred_at),
    }, 'call');
  }
}
