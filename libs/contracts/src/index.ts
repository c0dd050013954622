// class-transformer's @Type reads decorator metadata when DTO classes are defined.
import 'reflect-metadata';
export * from './errors/error-code';
export * from './messaging/envelope';
export * from './messaging/health';
export * from './messaging/requests';
export * from './common/pagination';
export * from './events/domain-event';
export * from './sockets/socket-events';
export * from './identity/permissions';
export * from './identity/identity.events';
export * from './identity/auth.dto';
export * from './identity/tenant.dto';
export * from './identity/role.dto';
export * from './identity/agent.dto';
export * from './identity/business-config.dto';
export * from './identity/subjects';
