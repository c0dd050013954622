import { MemberRemovalPolicy } from '../member-removal-policy';

describe('MemberRemovalPolicy', () => {
  it('keeps the last owner', () => {
    const verdict = MemberRemovalPolicy.check({ roleName: 'owner', roleBuiltIn: true, activeCalls: 0 }, 1);
    expect(verdict).toMatchObject({ allowed: false, reason: 'last_owner' });
  });

  it('lets one of several owners go', () => {
    expect(MemberRemovalPolicy.check({ roleName: 'owner', roleBuiltIn: true, activeCalls: 0 }, 2)).toEqual({ allowed: true });
  });

  it('keeps an agent who is in a call', () => {
    const verdict = MemberRemovalPolicy.check({ roleName: 'agent', roleBuiltIn: true, activeCalls: 1 }, 1);
    expect(verdict).toMatchObject({ allowed: false, reason: 'in_call' });
  });

  it('lets an idle member go', () => {
    expect(MemberRemovalPolicy.check({ roleName: 'agent', roleBuiltIn: true, activeCalls: 0 }, 1)).toEqual({ allowed: true });
  });
});
