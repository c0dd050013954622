import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventType } from '@parley/contracts';

export const ON_EVENT = Symbol('ON_EVENT');

/** A handler of a domain event: runs in the same transaction that records it as processed. */
export type EventHandler<T extends EventType> = (event: DomainEvent<T>, manager: EntityManager) => Promise<void>;

/** Subscribes a provider method to a domain event through this service's durable consumer. */
export const OnEvent = (type: EventType) => SetMetadata(ON_EVENT, type);
