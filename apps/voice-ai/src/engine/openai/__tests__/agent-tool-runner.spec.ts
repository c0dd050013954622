import type { AiAgentTool } from '@parley/contracts';
import { ServiceUnavailableException } from '@parley/platform';
import { AgentToolRunner } from '../agent-tool-runner';
import { knowledgeHit, recordingTools } from './conversation-fixture';

const NOW = new Date('2030-03-04T14:00:00Z');

function runner(tools = recordingTools(), allowed: AiAgentTool[] = ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call']) {
  return new AgentToolRunner(tools, { allowed, summary: () => 'Dana (Acme); state: discovery', now: () => NOW, timezone: 'America/New_York' });
}

describe('AgentToolRunner', () => {
  it('looks knowledge up and hands the hits to the model, with sources and the time it took', async () => {
    const tools = recordingTools([knowledgeHit('The Team plan costs $49 per seat per month, billed annually.')]);
    const result = await runner(tools).run({ name: 'lookup_knowledge', arguments: '{"query":"team plan price"}' });
    expect(tools.calls).toEqual([{ tool: 'searchKnowledge', args: ['team plan price'] }]);
    expect(JSON.parse(result.output)).toEqual({ found: true, results: [{ title: 'Pricing', heading: 'Pricing', content: 'The Team plan costs $49 per seat per month, billed annually.' }] });
    expect(result.output.startsWith('{"results":[{"content":')).toBe(true);
    expect(result.actions).toEqual([{ type: 'knowledge_lookup', query: 'team plan price', hits: 1 }]);
    expect(result.sources).toEqual([{ chunk_id: 'chunk-pricing', title: 'Pricing', heading: 'Pricing', score: 0.9 }]);
    expect(result.knowledgeMs).toBeGreaterThanOrEqual(0);
  });

  it('tells the model when knowledge has nothing, so it does not guess', async () => {
    const result = await runner().run({ name: 'lookup_knowledge', arguments: '{"query":"warp drive"}' });
    expect(JSON.parse(result.output)).toMatchObject({ found: false });
    expect(result.actions).toEqual([{ type: 'knowledge_lookup', query: 'warp drive', hits: 0 }]);
  });

  it('books a callback at the time the model resolved, and remembers it', async () => {
    const tools = recordingTools();
    const result = await runner(tools).run({ name: 'book_callback', arguments: '{"when":"2030-03-05T15:00:00-05:00","note":"demo"}' });
    expect(tools.calls[0]).toEqual({ tool: 'bookCallback', args: [new Date('2030-03-05T20:00:00Z'), 'demo'] });
    expect(result).toMatchObject({ outcome: 'callback_booked', slots: { callback_at: '2030-03-05T20:00:00.000Z' }, ends: false });
    expect(JSON.parse(result.output).message).toBe('Booked for Tuesday, March 5, 2030 at 3:00 PM.');
    expect(result.actions[0]).toMatchObject({ type: 'callback_booked' });
  });

  it('refuses a time that is not one, or is in the past, without booking', async () => {
    const tools = recordingTools();
    const bad = await runner(tools).run({ name: 'book_callback', arguments: '{"when":"tomorrowish","note":""}' });
    const past = await runner(tools).run({ name: 'book_callback', arguments: '{"when":"2030-03-01T10:00:00Z","note":""}' });
    expect(JSON.parse(bad.output).error).toMatch(/ISO 8601/);
    expect(JSON.parse(past.output).error).toMatch(/past/);
    expect(tools.calls).toEqual([]);
  });

  it('updates the lead with what the model gave', async () => {
    const tools = recordingTools();
    const result = await runner(tools).run({ name: 'update_lead', arguments: '{"status":"qualified","notes":" budget 10k "}' });
    expect(tools.calls).toEqual([{ tool: 'updateLead', args: [{ status: 'qualified', notes: 'budget 10k' }] }]);
    expect(JSON.parse(result.output)).toEqual({ message: "Saved the lead's status and notes." });
    const nothing = await runner(tools).run({ name: 'update_lead', arguments: '{"status":null,"notes":null}' });
    expect(JSON.parse(nothing.output).error).toBeDefined();
  });

  it('transfers with the hand-over summary and ends the conversation', async () => {
    const tools = recordingTools();
    const result = await runner(tools).run({ name: 'transfer_to_human', arguments: '{"reason":"wants a manager"}' });
    expect(tools.calls).toEqual([{ tool: 'transferToHuman', args: ['wants a manager', 'Dana (Acme); state: discovery'] }]);
    expect(result).toMatchObject({ ends: true, outcome: 'transferred', actions: [{ type: 'transfer_requested', escalation_id: 'esc-1' }] });
  });

  it('puts the number on the DNC list when the call ends as an opt-out', async () => {
    const tools = recordingTools();
    const result = await runner(tools).run({ name: 'end_call', arguments: '{"reason":"opt_out"}' });
    expect(tools.calls.map((c) => c.tool)).toEqual(['optOut', 'endCall']);
    expect(result).toMatchObject({ ends: true, outcome: 'opted_out' });
    expect(result.actions.map((a) => a.type)).toEqual(['dnc_added', 'call_ended']);
    const plain = await runner(recordingTools()).run({ name: 'end_call', arguments: '{"reason":"completed"}' });
    expect(plain.actions.map((a) => a.type)).toEqual(['call_ended']);
  });

  it('refuses tools the agent may not use and arguments that are not JSON', async () => {
    const tools = recordingTools();
    const notAllowed = await runner(tools, ['lookup_knowledge']).run({ name: 'transfer_to_human', arguments: '{"reason":"x"}' });
    const broken = await runner(tools).run({ name: 'lookup_knowledge', arguments: '{"query":' });
    expect(JSON.parse(notAllowed.output).error).toMatch(/unknown tool/);
    expect(JSON.parse(broken.output).error).toMatch(/JSON/);
    expect(tools.calls).toEqual([]);
  });

  it('tells the model when another service failed, but never loses an opt-out quietly', async () => {
    const tools = recordingTools();
    tools.bookCallback = () => Promise.reject(new ServiceUnavailableException('leads service did not answer'));
    tools.optOut = () => Promise.reject(new ServiceUnavailableException('compliance service did not answer'));
    const booked = await runner(tools).run({ name: 'book_callback', arguments: '{"when":"2030-03-05T15:00:00Z","note":"x"}' });
    expect(JSON.parse(booked.output).error).toMatch(/leads service did not answer/);
    await expect(runner(tools).run({ name: 'end_call', arguments: '{"reason":"opt_out"}' })).rejects.toThrow('compliance service did not answer');
  });
});
