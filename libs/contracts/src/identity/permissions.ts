/** Permission strings `resource:action`; the gateway checks them on every route. */
export const PERMISSIONS = [
  'tenant:read', 'tenant:write',
  'members:read', 'members:write',
  'roles:read', 'roles:write',
  'agents:read', 'agents:write',
  'config:read', 'config:write',
  'leads:read', 'leads:write',
  'campaigns:read', 'campaigns:write',
  'calls:read', 'calls:write',
  'ai_agents:read', 'ai_agents:write',
  'knowledge:read', 'knowledge:write',
  'analytics:read', 'analytics:write',
  'gamification:read', 'gamification:write',
  'compliance:read', 'compliance:write',
  'notifications:read', 'notifications:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES = ['owner', 'admin', 'manager', 'agent', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const reads = PERMISSIONS.filter((p) => p.endsWith(':read'));
const all = [...PERMISSIONS];

export const BUILT_IN_ROLE_PERMISSIONS: { readonly [R in BuiltInRole]: readonly Permission[] } = {
  owner: all,
  admin: all,
  manager: [
    ...reads,
    'agents:write', 'leads:write', 'campaigns:write', 'calls:write', 'ai_agents:write',
    'knowledge:write', 'gamification:write', 'notifications:write', 'analytics:write',
  ],
  agent: [
    'tenant:read', 'agents:read', 'agents:write', 'leads:read', 'leads:write', 'calls:read', 'calls:write',
    'knowledge:read', 'gamification:read', 'notifications:read', 'notifications:write', 'campaigns:read',
  ],
  viewer: reads,
};

export function hasPermissions(granted: readonly string[], required: readonly string[]): boolean {
  return required.every((p) => granted.includes(p));
}
