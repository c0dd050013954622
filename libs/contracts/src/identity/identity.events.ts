import type { AgentStatus } from './agent.dto';

export interface IdentityEvents {
  'user.registered': { user_id: string; email: string; name: string | null };
  'tenant.created': { tenant_id: string; name: string; owner_id: string };
  'member.added': { user_id: string; email: string; role: string };
  /** Carries the invitation token: notifications delivers it; never pushed to sockets. */
  'member.invited': { email: string; role: string; tenant_name: string; token: string; expires_at: string };
  'member.removed': { user_id: string; email: string };
  'role.changed': { role_id: string; name: string; change: 'created' | 'updated' | 'deleted' };
  /** Carries the reset token: notifications delivers it; never pushed to sockets. */
  'password.reset_requested': { user_id: string; email: string; token: string; expires_at: string };
  'password.changed': { user_id: string; via: 'change' | 'reset' };
  'agent.status_changed': { agent_id: string; status: AgentStatus; previous_status: AgentStatus; timestamp: string };
  'security.login_failed': { email: string; user_id: string | null; ip: string | null; failed_attempts: number };
  'security.account_locked': { user_id: string; email: string; locked_until: string; ip: string | null };
  /** A rotated refresh token was presented again: its whole session (family) was revoked. */
  'security.refresh_token_reused': { user_id: string; family_id: string; ip: string | null };
  'business_config.changed': { business_id: string; change: 'created' | 'updated' | 'deleted' };
}
