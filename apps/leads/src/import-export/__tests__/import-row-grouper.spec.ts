import { ImportRowGrouper } from '../import-row-grouper';

describe('ImportRowGrouper', () => {
  it('puts rows with the same email or phone into the group of the first such row', () => {
    const grouper = new ImportRowGrouper();
    expect(grouper.assign(2, { email: 'a@x.io', phone: '+1' })).toEqual({ group: 2, keepPhone: true });
    expect(grouper.assign(3, { email: 'b@x.io', phone: null })).toEqual({ group: 3, keepPhone: true });
    expect(grouper.assign(4, { email: 'a@x.io', phone: null })).toEqual({ group: 2, keepPhone: true });
    // Same phone, new email: joins by phone and the new email now leads to that group too.
    expect(grouper.assign(5, { email: 'c@x.io', phone: '+1' })).toEqual({ group: 2, keepPhone: true });
    expect(grouper.assign(6, { email: 'c@x.io', phone: null })).toEqual({ group: 2, keepPhone: true });
    expect(grouper.assign(7, { email: null, phone: '+2' })).toEqual({ group: 7, keepPhone: true });
    expect(grouper.mergedGroups).toBe(1);
  });

  it('lets email win over phone and drops a phone owned by another group', () => {
    const grouper = new ImportRowGrouper();
    grouper.assign(2, { email: 'a@x.io', phone: null });
    grouper.assign(3, { email: null, phone: '+9' });
    expect(grouper.assign(4, { email: 'a@x.io', phone: '+9' })).toEqual({ group: 2, keepPhone: false });
    expect(grouper.mergedGroups).toBe(1);
  });
});
