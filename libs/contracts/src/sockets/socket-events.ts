/** Server → client Socket.IO events and their payloads. */
export interface AgentStatusSocketEvent {
  agent_id: string;
  status: string;
  timestamp: string;
}

export interface LeadNewSocketEvent {
  lead_id: string;
  priority: string;
  source: string;
}

export interface QueueUpdateSocketEvent {
  queue_length: number;
  active_agents: number;
  priority_leads: number;
}

export interface ServerToClientEvents {
  'agent:status': (payload: AgentStatusSocketEvent) => void;
  'lead:new': (payload: LeadNewSocketEvent) => void;
  'queue:update': (payload: QueueUpdateSocketEvent) => void;
  'session:replaced': (payload: { reason: string }) => void;
  subscribed: (payload: { room: string }) => void;
  unsubscribed: (payload: { room: string }) => void;
  error: (payload: { code: string; message: string }) => void;
}

export interface SubscribeRequest {
  type: 'all_calls' | 'call';
  call_id?: string;
}

export interface ClientToServerEvents {
  subscribe: (payload: SubscribeRequest) => void;
  unsubscribe: (payload: SubscribeRequest) => void;
}

export interface WsStats {
  total_connections: number;
  active_users: number;
  connections_by_tenant: Record<string, number>;
}

export const socketRooms = {
  tenant: (id: string) => `tenant:${id}`,
  user: (id: string) => `user:${id}`,
  /** Call rooms are qualified by tenant, so a call id guessed from another tenant hears nothing. */
  call: (tenantId: string, callId: string) => `tenant:${tenantId}:call:${callId}`,
  allCalls: (tenantId: string) => `tenant:${tenantId}:calls`,
} as const;
