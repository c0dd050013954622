import { ComplianceSubjects as S, ErrorCode, type RequestContext } from '@parley/contracts';
import { bootCompliance, putCsv, tenantCtx, type ComplianceHarness } from './support/compliance-harness';

describe('do-not-call CSV import (NATS, Postgres, transfer store)', () => {
  let h: ComplianceHarness;
  beforeAll(async () => { h = await bootCompliance(); });
  afterAll(() => h?.close());

  const entriesOf = (ctx: Partial<RequestContext>) =>
    h.sql<{ phone_number: string; reason: string | null; source: string; created_by: string | null }>(
      'SELECT phone_number, reason, source, created_by FROM dnc_numbers WHERE tenant_id = $1 ORDER BY phone_number', [ctx.tenant_id],
    );

  it('adds the good rows, reports bad ones by line, counts listed and repeated numbers, and removes the upload', async () => {
    const ctx = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: '+13125550100', reason: 'added by hand' }, ctx);
    const csv = [
      'name,phone_number,reason',
      'Ann,(212) 555-0101,asked twice',
      'Bad,12,typo',
      'Cy,+1 312 555 0100,already listed',
      'Ann again,212.555.0101,repeated in the file',
      'Di,+44 20 7946 0958,',
      'Ed,,no number',
    ].join('\n');
    const upload = await putCsv(h, csv);
    const result = await h.bus.send(S.importDnc, { upload }, ctx);
    expect(result).toEqual({
      total_rows: 6, added: 2, already_listed: 2, failed: 2, errors_truncated: false,
      errors: [
        { line: 3, message: 'phone_number must be a valid phone number (got "12")' },
        { line: 7, message: 'phone_number must not be empty' },
      ],
    });
    expect(await entriesOf(ctx)).toEqual([
      { phone_number: '+12125550101', reason: 'asked twice', source: 'import', created_by: ctx.user_id },
      { phone_number: '+13125550100', reason: 'added by hand', source: 'manual', created_by: ctx.user_id },
      { phone_number: '+442079460958', reason: null, source: 'import', created_by: ctx.user_id },
    ]);
    const imported = (await h.outbox('dnc.imported')).filter((event) => event.tenant_id === ctx.tenant_id);
    expect(imported.map((event) => event.data)).toEqual([{ added: 2, already_listed: 2, failed: 2 }]);
    await expect(h.bus.transfers().open(upload)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('imports a large file in batches, in one go', async () => {
    const ctx = tenantCtx();
    const rows = Array.from({ length: 12_000 }, (_, i) => `+1212${String(2_000_000 + i).padStart(7, '0')},bulk`);
    const result = await h.bus.send(S.importDnc, { upload: await putCsv(h, `phone,reason\n${rows.join('\n')}\n`) }, ctx);
    expect(result).toMatchObject({ total_rows: 12_000, added: 12_000, already_listed: 0, failed: 0 });
    expect((await h.bus.send(S.listDnc, { source: 'import', per_page: 1 }, ctx)).total).toBe(12_000);
  });

  it('keeps nothing of a malformed file or one without a phone column, and still removes the upload', async () => {
    const ctx = tenantCtx();
    const malformed = await putCsv(h, 'phone_number\n2125550101\n"2125550102\n');
    await expect(h.bus.send(S.importDnc, { upload: malformed }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: expect.stringMatching(/malformed at line 3/),
    });
    await expect(h.bus.send(S.importDnc, { upload: await putCsv(h, 'name\nAnn\n') }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, message: 'the CSV header needs a phone_number (or phone) column',
    });
    expect(await entriesOf(ctx)).toEqual([]);
    expect((await h.outbox('dnc.imported')).filter((event) => event.tenant_id === ctx.tenant_id)).toEqual([]);
    await expect(h.bus.transfers().open(malformed)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('answers 404 for an upload that does not exist', async () => {
    await expect(h.bus.send(S.importDnc, { upload: 'no-such-upload' }, tenantCtx())).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('writes only into the caller\'s tenant: another tenant\'s entries are neither counted nor touched', async () => {
    const a = tenantCtx();
    const b = tenantCtx();
    await h.bus.send(S.addDnc, { phone_number: '+12125550150', reason: 'A' }, a);
    const result = await h.bus.send(S.importDnc, { upload: await putCsv(h, 'phone,reason\n+12125550150,B\n') }, b);
    expect(result).toMatchObject({ added: 1, already_listed: 0 });
    expect((await entriesOf(a)).map((e) => e.reason)).toEqual(['A']);
    expect((await entriesOf(b)).map((e) => e.reason)).toEqual(['B']);
  });
});
