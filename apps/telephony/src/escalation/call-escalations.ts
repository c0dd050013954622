import { Injectable } from '@nestjs/common';
import type { EscalationOutcome, EscalationSelection } from '@parley/contracts';
import { ConflictException, isUniqueViolation, type UnitOfWork } from '@parley/platform';
import { callUpdatedEvent } from '../call/call-event-payloads';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { humanQueueName } from '../twilio/voice-twiml';
import { CallEscalationEntity } from './call-escalation.entity';

export interface NewEscalation {
  /** The agent to dial; null: the caller holds in the human queue. */
  agentId: string | null;
  selectedBy: EscalationSelection | null;
  routingRule: string | null;
  selectionReason: string;
  reason: string | null;
  summary: string | null;
  requestedBy: string | null;
}

/**
 * Opens and closes escalations of a (locked) call inside a unit of work, with their events:
 * escalation.triggered when one opens, escalation.completed when it ends. While an agent is
 * dialed the call is theirs (agent_id, call.updated); if they do not take it, it goes back.
 */
@Injectable()
export class CallEscalations {
  constructor(private readonly lifecycle: CallLifecycle) {}

  async open(uow: UnitOfWork, call: CallEntity, fields: NewEscalation): Promise<CallEscalationEntity> {
    let escalation: CallEscalationEntity;
    try {
      escalation = await uow.repo(CallEscalationEntity).insert({
        callId: call.id,
        status: fields.agentId ? 'dialing' : 'queued',
        agentId: fields.agentId,
        previousAgentId: call.agentId,
        selectedBy: fields.selectedBy,
        routingRule: fields.routingRule,
        selectionReason: fields.selectionReason,
        reason: fields.reason,
        summary: fields.summary,
        queueName: fields.agentId ? null : humanQueueName(call.tenantId),
        requestedBy: fields.requestedBy,
        completedAt: null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'call_escalations_one_open')) throw alreadyEscalated(call.id);
      throw error;
    }
    if (escalation.status === 'queued') escalation.queuePosition = await this.placeInQueue(uow, escalation);
    if (fields.agentId && call.agentId !== fields.agentId) await this.setCallAgent(uow, call, fields.agentId);
    await uow.emit('escalation.triggered', {
      escalation_id: escalation.id,
      call_id: call.id,
      lead_id: call.leadId,
      agent_id: escalation.agentId,
      status: escalation.status === 'dialing' ? 'dialing' : 'queued',
      selected_by: escalation.selectedBy,
      reason: escalation.reason,
      summary: escalation.summary,
    });
    return escalation;
  }

  /** Ends an open escalation; one already ended is left as it is (answers false). */
  async complete(
    uow: UnitOfWork, call: CallEntity, escalation: CallEscalationEntity, outcome: EscalationOutcome, durationSeconds: number | null,
  ): Promise<boolean> {
    if (escalation.status === 'completed') return false;
    const wasDialing = escalation.status === 'dialing';
    const patch = { status: 'completed' as const, outcome, durationSeconds, completedAt: new Date(), updatedAt: new Date() };
    await uow.repo(CallEscalationEntity).update({ id: escalation.id }, patch);
    Object.assign(escalation, patch);
    // The agent did not take the call: it is back with whoever had it.
    if (wasDialing && outcome !== 'connected' && call.agentId === escalation.agentId) {
      await this.setCallAgent(uow, call, escalation.previousAgentId);
    }
    await uow.emit('escalation.completed', {
      escalation_id: escalation.id,
      call_id: call.id,
      lead_id: call.leadId,
      agent_id: escalation.agentId,
      outcome,
      duration_seconds: durationSeconds,
    });
    return true;
  }

  /** The call's open escalation, row-locked; null when it has none. */
  lockOpen(uow: UnitOfWork, callId: string): Promise<CallEscalationEntity | null> {
    return uow.repo(CallEscalationEntity).query('e')
      .andWhere('e.callId = :callId', { callId })
      .andWhere(`e.status IN ('dialing', 'queued')`)
      .setLock('pessimistic_write')
      .getOne();
  }

  /** One escalation of the call, row-locked. */
  lockById(uow: UnitOfWork, callId: string, id: string): Promise<CallEscalationEntity | null> {
    return uow.repo(CallEscalationEntity).query('e')
      .andWhere('e.id = :id', { id })
      .andWhere('e.callId = :callId', { callId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async recordQueuePosition(uow: UnitOfWork, escalation: CallEscalationEntity, position: number): Promise<void> {
    if (escalation.status !== 'queued' || escalation.queuePosition === position) return;
    await uow.repo(CallEscalationEntity).update({ id: escalation.id }, { queuePosition: position, updatedAt: new Date() });
    escalation.queuePosition = position;
  }

  /** 1 + the tenant's callers queued before this one, until Twilio reports the real position. */
  private async placeInQueue(uow: UnitOfWork, escalation: CallEscalationEntity): Promise<number> {
    const ahead = await uow.repo(CallEscalationEntity).query('e')
      .andWhere(`e.status = 'queued'`)
      .andWhere('e.createdAt < :createdAt', { createdAt: escalation.createdAt })
      .andWhere('e.id <> :id', { id: escalation.id })
      .getCount();
    const position = ahead + 1;
    await uow.repo(CallEscalationEntity).update({ id: escalation.id }, { queuePosition: position });
    return position;
  }

  private async setCallAgent(uow: UnitOfWork, call: CallEntity, agentId: string | null): Promise<void> {
    const patch = { agentId, updatedAt: new Date() };
    await uow.repo(CallEntity).update({ id: call.id }, patch);
    Object.assign(call, patch);
    await this.lifecycle.emit(uow, [callUpdatedEvent(call, null, ['agent_id'])]);
  }
}

export function alreadyEscalated(callId: string, escalationId?: string): ConflictException {
  return new ConflictException('the call is already being transferred to a human', { call_id: callId, ...(escalationId ? { escalation_id: escalationId } : {}) });
}
