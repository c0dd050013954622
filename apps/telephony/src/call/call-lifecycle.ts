import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CallStatus, DomainEvents } from '@parley/contracts';
import type { UnitOfWork } from '@parley/platform';
import { callEndEvents, callUpdatedEvent, type CallEvent } from './call-event-payloads';
import { statusChange, type StatusChange, type StatusFacts } from './call-status-change';
import { CallEntity } from './call.entity';

const CHANGED_FIELD: { readonly [K in keyof StatusChange]-?: string } = {
  status: 'status',
  answeredAt: 'answered_at',
  endedAt: 'ended_at',
  durationSeconds: 'duration_seconds',
  endReason: 'end_reason',
};

/**
 * Moves calls through their statuses inside a unit of work, with the events each move emits:
 * call.updated on every move, and call.ended with call.completed or call.failed when a call ends.
 * Other facts written on a call go through `update`, announced with call.updated too.
 * Callers lock the row first (lockById / lockByProviderId), so concurrent reports serialise.
 */
@Injectable()
export class CallLifecycle {
  lockById(uow: UnitOfWork, id: string): Promise<CallEntity | null> {
    return uow.repo(CallEntity).query('c').andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  lockByProviderId(uow: UnitOfWork, providerCallId: string): Promise<CallEntity | null> {
    return uow.repo(CallEntity).query('c')
      .andWhere('c.providerCallId = :providerCallId', { providerCallId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Applies the move if the call may make it; answers whether it moved. */
  async moveStatus(uow: UnitOfWork, call: CallEntity, next: CallStatus, facts: StatusFacts = {}): Promise<boolean> {
    const change = statusChange(call, next, facts);
    if (!change) return false;
    const previous = call.status;
    const patch = { ...change, updatedAt: new Date() };
    await uow.repo(CallEntity).update({ id: call.id }, patch);
    Object.assign(call, patch);
    const changes = (Object.keys(change) as Array<keyof StatusChange>).map((key) => CHANGED_FIELD[key]);
    await this.emit(uow, [callUpdatedEvent(call, previous, changes), ...callEndEvents(call)]);
    return true;
  }

  /** Writes fields other than the status on the (locked) call and announces them (call.updated with `changes`). */
  async update(uow: UnitOfWork, call: CallEntity, patch: Partial<CallEntity>, changes: string[]): Promise<void> {
    const update = { ...patch, updatedAt: new Date() };
    await uow.repo(CallEntity).update({ id: call.id }, update as QueryDeepPartialEntity<CallEntity>);
    Object.assign(call, update);
    await this.emit(uow, [callUpdatedEvent(call, null, changes)]);
  }

  async emit(uow: UnitOfWork, events: CallEvent[]): Promise<void> {
    for (const event of events) await uow.emit(event.type, event.data as DomainEvents[typeof event.type]);
  }
}
