import { randomUUID } from 'node:crypto';
import { ErrorCode, TelephonySubjects as S } from '@parley/contracts';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';

describe('call notes: CRUD with category and tags, tenant-scoped (NATS, Postgres)', () => {
  let h: TelephonyHarness;

  beforeAll(async () => {
    h = await bootTelephony();
  });

  afterAll(async () => {
    await h?.close();
  });

  const newCall = (ctx: ReturnType<typeof tenantCtx>) =>
    h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671' }, ctx);

  it('creates, lists, updates and deletes notes on a call', async () => {
    const ctx = tenantCtx();
    const call = await newCall(ctx);
    const first = await h.bus.send(S.createNote, { call_id: call.id, content: 'Asked for pricing', category: 'follow_up', tags: [' pricing ', 'pricing', 'q3'] }, ctx);
    expect(first).toMatchObject({
      call_id: call.id, content: 'Asked for pricing', category: 'follow_up', tags: ['pricing', 'q3'], author_id: ctx.user_id,
    });
    const second = await h.bus.send(S.createNote, { call_id: call.id, content: 'Plain note' }, ctx);
    expect(second).toMatchObject({ category: 'general', tags: [] });
    expect((await h.bus.send(S.listNotes, { call_id: call.id }, ctx)).map((n) => n.id)).toEqual([first.id, second.id]);

    const edited = await h.bus.send(S.updateNote, { call_id: call.id, note_id: first.id, category: 'objection', tags: ['budget'] }, ctx);
    expect(edited).toMatchObject({ id: first.id, content: 'Asked for pricing', category: 'objection', tags: ['budget'] });
    expect(new Date(edited.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(first.updated_at).getTime());

    await expect(h.bus.send(S.deleteNote, { call_id: call.id, note_id: second.id }, ctx)).resolves.toEqual({ message: 'note deleted' });
    expect((await h.bus.send(S.listNotes, { call_id: call.id }, ctx)).map((n) => n.id)).toEqual([first.id]);
    expect((await h.bus.send(S.getCall, { id: call.id }, ctx)).notes_count).toBe(1);
  });

  it('validates content, category and tags', async () => {
    const ctx = tenantCtx();
    const call = await newCall(ctx);
    await expect(h.bus.send(S.createNote, { call_id: call.id, content: '' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { content: expect.any(Array) } },
    });
    await expect(h.bus.send(S.createNote, { call_id: call.id, content: 'x', category: 'gossip' as never }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { category: expect.any(Array) } },
    });
  });

  it("answers 404 for another tenant's call or note, and for a note of another call", async () => {
    const owner = tenantCtx();
    const stranger = tenantCtx();
    const call = await newCall(owner);
    const note = await h.bus.send(S.createNote, { call_id: call.id, content: 'Private' }, owner);
    const notFound = { code: ErrorCode.NotFound };

    await expect(h.bus.send(S.listNotes, { call_id: call.id }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.createNote, { call_id: call.id, content: 'Sneaky' }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.updateNote, { call_id: call.id, note_id: note.id, content: 'Changed' }, stranger)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.deleteNote, { call_id: call.id, note_id: note.id }, stranger)).rejects.toMatchObject(notFound);
    // The stranger's own call does not open the owner's note either.
    const theirs = await newCall(stranger);
    await expect(h.bus.send(S.updateNote, { call_id: theirs.id, note_id: note.id, content: 'Changed' }, stranger)).rejects.toMatchObject(notFound);
    const other = await newCall(owner);
    await expect(h.bus.send(S.deleteNote, { call_id: other.id, note_id: note.id }, owner)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.listNotes, { call_id: randomUUID() }, owner)).rejects.toMatchObject(notFound);

    expect(await h.bus.send(S.listNotes, { call_id: call.id }, owner)).toEqual([expect.objectContaining({ id: note.id, content: 'Private' })]);
  });
});
