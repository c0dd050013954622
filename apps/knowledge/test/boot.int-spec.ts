import { bootKnowledge, type KnowledgeHarness } from './support/knowledge-harness';

describe('knowledge service boot', () => {
  let svc: KnowledgeHarness;
  beforeAll(async () => { svc = await bootKnowledge(); });
  afterAll(() => svc?.close());

  it('migrates its schema and answers its health ping', async () => {
    const tables = await svc.sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [svc.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['chunks', 'documents', 'document_sources', 'index_state', 'products']));
    await expect(svc.bus.send('knowledge.health.ping', {})).resolves.toMatchObject({ service: 'knowledge', database: true });
  });
});
