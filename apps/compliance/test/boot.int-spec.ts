import { bootCompliance, type ComplianceHarness } from './support/compliance-harness';

describe('compliance service boot', () => {
  let svc: ComplianceHarness;
  beforeAll(async () => { svc = await bootCompliance(); });
  afterAll(() => svc?.close());

  it('migrates its schema and answers its health ping', async () => {
    const tables = await svc.sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [svc.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['calling_windows', 'dnc_numbers', 'outbox_events']));
    await expect(svc.bus.send('compliance.health.ping', {})).resolves.toMatchObject({ service: 'compliance', database: true });
  });
});
