import { performance } from 'node:perf_hooks';
import type { TurnAnalysisDto } from '@parley/contracts';
import { eventually, startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import type { ConversationMemory } from '../../engine/conversation-memory';
import { agentProfile, conversation, knowledgeHit, recordingTools, type RecordedTools } from '../../engine/openai/__tests__/conversation-fixture';
import { RealtimeCall, type RealtimeEndReason } from '../realtime-call';
import { RealtimeMediaMetrics } from '../realtime-media-metrics';
import { RealtimeSocket } from '../realtime-socket';
import type { SpokenTurn } from '../transcript-sequencer';
import { TwilioLine } from './twilio-line';

interface Bridge {
  call: RealtimeCall;
  line: TwilioLine;
  tools: RecordedTools;
  turns: Array<SpokenTurn & { analysis: TurnAnalysisDto | null }>;
  hangUps: number;
  ended: Promise<{ memory: ConversationMemory; reason: RealtimeEndReason }>;
  warnings: string[];
}

describe('RealtimeCall against the fake Realtime API', () => {
  let fake: FakeOpenAI;
  let metrics: RealtimeMediaMetrics;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ realtime: { responseAudioMs: 1600, chunkMs: 100 } });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    metrics = new RealtimeMediaMetrics();
  });
  afterEach(() => metrics.onApplicationShutdown());

  async function bridge(transcripts: string[], tools = recordingTools()): Promise<Bridge> {
    fake.setRealtimeTranscripts(transcripts);
    const turns: Bridge['turns'] = [];
    const warnings: string[] = [];
    let hangUps = 0;
    let finish!: (value: { memory: ConversationMemory; reason: RealtimeEndReason }) => void;
    const ended = new Promise<{ memory: ConversationMemory; reason: RealtimeEndReason }>((resolve) => (finish = resolve));
    // The line hands frames to the call once both exist (the closure runs later).
    const line = new TwilioLine((frame) => call.hear(frame, performance.now()));
    const ctx = conversation({ agent: agentProfile({ greeting: 'Hi {lead_name}, this is {agent_name} from {company}. Do you have a minute?' }), history: [] });
    const call = new RealtimeCall(
      ctx,
      { voice: { provider: 'openai', voice_id: 'marin', speed: 1, language: 'en-US' }, defaultVoice: 'alloy', transcriptionModel: 'whisper-1' },
      {
        publish: (frame) => line.play(frame),
        tools,
        record: async (turn, analysis) => {
          turns.push({ ...turn, analysis });
        },
        hangUp: async () => {
          hangUps++;
        },
        finished: async (memory, reason) => finish({ memory, reason }),
        warn: (message) => warnings.push(message),
      },
      metrics,
      { goodbyeTimeoutMs: 5000 },
    );
    call.attach(await RealtimeSocket.connect({ baseURL: fake.baseURL, apiKey: 'sk-test', model: 'gpt-realtime', connectTimeoutMs: 2000 }));
    return { call, line, tools, turns, ended, warnings, get hangUps() { return hangUps; } };
  }

  const session = () => fake.realtimeSessions.at(-1)!;
  const said = (b: Bridge) => b.turns.map((t) => `${t.speaker}: ${t.text}`);

  it('speaks μ-law both ways, cuts the greeting when the caller talks over it, and answers from knowledge', async () => {
    const b = await bridge(['What does the Team plan cost?'], recordingTools([knowledgeHit('The Team plan is $49 per seat per month.')]));

    // The session: phone audio both ways with no resampling, server VAD, the agent's voice and tools.
    await eventually(() => session().events.find((e) => e.type === 'session.update'));
    const update = session().events.find((e) => e.type === 'session.update')!.event as { session: Record<string, any> };
    expect(update.session).toMatchObject({
      type: 'realtime',
      audio: {
        input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad', interrupt_response: true }, transcription: { model: 'whisper-1' } },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin' },
      },
    });
    expect(update.session.tools.map((t: { name: string }) => t.name)).toEqual(['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call']);

    // The greeting plays in 20 ms frames, each chunk followed by a mark.
    await eventually(() => b.line.marksAcked.length >= 3);
    expect(b.line.audioFrames).toBeGreaterThanOrEqual(15);
    expect(b.line.marks[0]).toMatch(/@100$/);

    // The caller talks over it: telephony's buffer is cleared and the item truncated where the caller's ears were.
    b.line.speak(400);
    b.line.silence(700);
    await eventually(() => session().truncates.length === 1);
    expect(b.line.clears).toBe(1);
    const [truncate] = session().truncates;
    expect(truncate.audio_end_ms).toBeGreaterThanOrEqual(300);
    expect(truncate.audio_end_ms).toBeLessThan(1600);
    expect(truncate.item_id).toBe(session().responses[0].item_id);

    // The question is answered through lookup_knowledge, then spoken and played to the end.
    await eventually(() => b.turns.length >= 3, undefined, 8000);
    expect(b.tools.calls).toEqual([{ tool: 'searchKnowledge', args: ['What does the Team plan cost?'] }]);
    expect(session().toolOutputs[0]).toMatchObject({ name: 'lookup_knowledge' });
    expect(said(b)[0]).toMatch(/^ai: Hi\b.*…$/);
    expect(b.turns[0].interrupted).toBe(true);
    expect(said(b).slice(1)).toEqual(['caller: What does the Team plan cost?', "ai: Here's what I found: The Team plan is $49 per seat per month."]);
    expect(b.turns[1].analysis).toMatchObject({ intent: 'pricing' });

    // The caller hangs up: the model's socket closes, the conversation ends with what it learnt.
    b.line.stop();
    const { memory, reason } = await b.ended;
    expect(reason).toBe('stop');
    expect(memory).toMatchObject({ state: 'ended', outcome: 'hung_up', callerTurns: 1, intents: ['pricing'] });
    await eventually(() => session().closedAt !== null);

    const stats = metrics.snapshot();
    expect(stats).toMatchObject({ barge_ins: 1, tool_calls: 1 });
    expect(stats.frames_in).toBe(55);
    expect(stats.media_path.count).toBe(55);
    expect(stats.media_path.p99_us).toBeGreaterThan(0);
    expect(session().audioBytesReceived).toBe(55 * 160);
    expect(b.warnings).toEqual([]);
  }, 20_000);

  it('hands the caller to a human through the tools and ends the bridge', async () => {
    const b = await bridge(['Can I talk to a real person? Get me your manager.']);
    await eventually(() => b.turns.length === 1, undefined, 5000);
    b.line.speak(400);
    b.line.silence(700);
    const { memory, reason } = await b.ended;
    expect(reason).toBe('transferred');
    expect(b.tools.calls).toEqual([{ tool: 'transferToHuman', args: ['Can I talk to a real person? Get me your manager.', expect.stringContaining('Dana Reyes')] }]);
    expect(memory.outcome).toBe('transferred');
    expect(said(b)).toEqual(['ai: Hi Dana, this is Ava from Parley. Do you have a minute?', 'caller: Can I talk to a real person? Get me your manager.']);
    await eventually(() => session().closedAt !== null);
    expect(metrics.snapshot().transfers).toBe(1);
  }, 15_000);

  it('honours an opt-out, says goodbye and hangs up once the goodbye has played', async () => {
    const b = await bridge(['Stop calling me and remove me from your list.']);
    await eventually(() => b.turns.length === 1, undefined, 5000);
    b.line.speak(400);
    b.line.silence(700);
    const { memory, reason } = await b.ended;
    expect(reason).toBe('hung_up');
    expect(b.hangUps).toBe(1);
    expect(b.tools.calls.map((c) => c.tool)).toEqual(expect.arrayContaining(['optOut', 'endCall']));
    expect(memory.outcome).toBe('opted_out');
    expect(session().toolOutputs[0]).toMatchObject({ name: 'end_call' });
    // The goodbye was heard in full before the line was hung up.
    expect(b.turns.at(-1)).toMatchObject({ speaker: 'ai', interrupted: false });
    expect(b.line.playing).toBe(false);
  }, 15_000);

  it('sends a caller to a human when the model cannot be reached', async () => {
    const tools = recordingTools();
    let finish!: (reason: RealtimeEndReason) => void;
    const ended = new Promise<RealtimeEndReason>((resolve) => (finish = resolve));
    const call = new RealtimeCall(
      conversation(),
      { voice: { provider: 'twilio', voice_id: 'Polly.Joanna', speed: 1, language: 'en-US' }, defaultVoice: 'alloy', transcriptionModel: 'whisper-1' },
      { publish: () => undefined, tools, record: async () => undefined, hangUp: async () => undefined, finished: async (_m, reason) => finish(reason), warn: () => undefined },
      metrics,
      { goodbyeTimeoutMs: 1000 },
    );
    const failure = await RealtimeSocket.connect({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-test', model: 'gpt-realtime', connectTimeoutMs: 500 }).catch((error: Error) => error);
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
    call.connectFailed(failure as Error);
    expect(await ended).toBe('transferred');
    expect(tools.calls[0]).toMatchObject({ tool: 'transferToHuman', args: ['the AI voice service could not be reached', expect.any(String)] });
  });
});
