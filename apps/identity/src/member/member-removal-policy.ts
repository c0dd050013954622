export interface RemovalCandidate {
  roleName: string;
  roleBuiltIn: boolean;
  activeCalls: number;
}

export type RemovalVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'last_owner' | 'in_call'; message: string };

/** Who may leave a tenant: never its last owner, never an agent in the middle of a call. */
export class MemberRemovalPolicy {
  static check(member: RemovalCandidate, ownerCount: number): RemovalVerdict {
    if (member.roleBuiltIn && member.roleName === 'owner' && ownerCount <= 1) {
      return { allowed: false, reason: 'last_owner', message: 'the last owner of a tenant cannot be removed' };
    }
    if (member.activeCalls > 0) {
      return { allowed: false, reason: 'in_call', message: 'the agent is in a call and cannot be removed now' };
    }
    return { allowed: true };
  }
}
