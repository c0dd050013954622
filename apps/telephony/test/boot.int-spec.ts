import { bootTelephony, type TelephonyHarness } from './support/telephony-harness';

describe('telephony service boot', () => {
  let svc: TelephonyHarness;
  beforeAll(async () => { svc = await bootTelephony(); });
  afterAll(() => svc?.close());

  it('migrates its schema and answers its health ping', async () => {
    const tables = await svc.sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [svc.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['calls', 'call_notes', 'telephony_settings', 'webhook_receipts']));
    await expect(svc.bus.send('telephony.health.ping', {})).resolves.toMatchObject({ service: 'telephony', database: true });
  });
});
