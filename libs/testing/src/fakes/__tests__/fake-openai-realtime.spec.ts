import { mulaw } from 'alawmulaw';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { WebSocket } from 'ws';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai';
import { callerAudio } from '../twilio/caller-audio';

type ServerEvent = { type: string; [key: string]: any };

/** Collects a connection's server events; `next` waits for the first unseen one matching. */
class EventLog {
  readonly all: ServerEvent[] = [];
  private cursor = 0;
  private waiters: Array<() => void> = [];

  push(event: ServerEvent): void {
    this.all.push(event);
    for (const wake of this.waiters.splice(0)) wake();
  }

  async next(type: string, match: (event: ServerEvent) => boolean = () => true, timeoutMs = 4000): Promise<ServerEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.all.findIndex((event, i) => i >= this.cursor && event.type === type && match(event));
      if (index >= 0) {
        this.cursor = index + 1;
        return this.all[index];
      }
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms; got ${this.all.slice(this.cursor).map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  types(): string[] {
    return this.all.map((event) => event.type);
  }
}

const voice = (ms: number) => Buffer.from(callerAudio(ms / 20)).toString('base64');
const silence = (ms: number) => Buffer.alloc((ms / 1000) * 8000, 0xff).toString('base64');

const GA_SESSION = {
  type: 'realtime' as const,
  instructions: 'You are Ava from Acme Corp.',
  output_modalities: ['audio' as const],
  audio: {
    input: {
      format: { type: 'audio/pcmu' as const },
      turn_detection: { type: 'server_vad' as const, silence_duration_ms: 400, create_response: true, interrupt_response: true },
      transcription: { model: 'whisper-1' },
    },
    output: { format: { type: 'audio/pcmu' as const }, voice: 'alloy' },
  },
  tools: [
    { type: 'function' as const, name: 'transfer_to_human', description: 'Hand the call to a person', parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } },
    { type: 'function' as const, name: 'lookup_knowledge', description: 'Search the knowledge base', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
  ],
};

describe('fake OpenAI Realtime API (real SDK)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  const open: Array<{ close(): void }> = [];

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-test', realtime: { responseAudioMs: 600, chunkMs: 100 } });
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
    fake.setRealtimeTranscripts([]);
  });
  afterAll(() => fake.close());

  async function connect(session: object = GA_SESSION): Promise<{ rt: OpenAIRealtimeWS; log: EventLog }> {
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: fake.certificate } }, client);
    open.push(rt);
    const log = new EventLog();
    rt.on('event', (event) => log.push(event as ServerEvent));
    rt.on('error', () => undefined); // error events are asserted through the log
    await log.next('session.created');
    rt.send({ type: 'session.update', session: session as never });
    await log.next('session.updated');
    return { rt, log };
  }

  it('connects over wss the way the SDK does, and reports the GA session', async () => {
    const { rt, log } = await connect();
    const created = log.all[0];
    expect(created.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime', id: expect.stringMatching(/^sess_/) });
    const updated = log.all.find((event) => event.type === 'session.updated')!;
    expect(updated.session).toMatchObject({ audio: { input: { format: { type: 'audio/pcmu' }, transcription: { model: 'whisper-1' } }, output: { format: { type: 'audio/pcmu' }, voice: 'alloy' } } });
    expect(rt.url.protocol).toBe('wss:');
    const record = fake.realtimeSessions.at(-1)!;
    expect(record).toMatchObject({ protocol: 'ga', model: 'gpt-realtime', headers: expect.objectContaining({ authorization: 'Bearer sk-test' }) });
  });

  it('detects a spoken turn, transcribes it from the script and answers with paced μ-law audio', async () => {
    fake.setRealtimeTranscripts(['Hi, who is this?']);
    const { rt, log } = await connect();
    rt.send({ type: 'input_audio_buffer.append', audio: voice(1000) });
    rt.send({ type: 'input_audio_buffer.append', audio: silence(600) });

    const started = await log.next('input_audio_buffer.speech_started');
    expect(started.audio_start_ms).toBeLessThan(100);
    const stopped = await log.next('input_audio_buffer.speech_stopped', (e) => e.item_id === started.item_id);
    // The voice's last syllable ends at ~880 ms; speech stops 400 ms of silence later.
    expect(stopped.audio_end_ms).toBeGreaterThanOrEqual(1250);
    expect(stopped.audio_end_ms).toBeLessThanOrEqual(1420);
    await log.next('input_audio_buffer.committed', (e) => e.item_id === started.item_id);
    await log.next('conversation.item.added', (e) => e.item.id === started.item_id && e.item.role === 'user');
    const transcript = await log.next('conversation.item.input_audio_transcription.completed');
    expect(transcript).toMatchObject({ item_id: started.item_id, content_index: 0, transcript: 'Hi, who is this?' });

    const created = await log.next('response.created');
    const firstDelta = await log.next('response.output_audio.delta');
    const firstAt = Date.now();
    const done = await log.next('response.done', () => true, 3000);
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(400); // 6 chunks of 100 ms, paced
    expect(done.response).toMatchObject({ id: created.response.id, status: 'completed', output: [{ type: 'message', role: 'assistant', status: 'completed' }] });

    const deltas = log.all.filter((event) => event.type === 'response.output_audio.delta');
    expect(deltas).toHaveLength(6);
    const audio = Buffer.concat(deltas.map((event) => Buffer.from(event.delta, 'base64')));
    expect(audio.length).toBe(4800); // 600 ms of 8 kHz μ-law
    const samples = mulaw.decode(audio);
    expect(Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length)).toBeGreaterThan(1000);
    expect(firstDelta).toMatchObject({ response_id: created.response.id, item_id: done.response.output[0].id, output_index: 0, content_index: 0 });
    const said = log.all.filter((event) => event.type === 'response.output_audio_transcript.delta').map((event) => event.delta).join('');
    const transcriptDone = log.all.find((event) => event.type === 'response.output_audio_transcript.done')!;
    expect(said).toBe(transcriptDone.transcript);
    expect(transcriptDone.transcript).toBe('Hello! How can I help you today?');

    const record = fake.realtimeSessions.at(-1)!;
    expect(record.audioBytesReceived).toBe(8000 + 4800);
    expect(record.userTurns).toEqual([expect.objectContaining({ item_id: started.item_id, transcript: 'Hi, who is this?' })]);
    expect(record.responses).toEqual([expect.objectContaining({ status: 'completed', audio_ms: 600 })]);
    const appends = record.events.filter((event) => event.type === 'input_audio_buffer.append');
    expect(appends.map((event) => event.event.audio_bytes)).toEqual([8000, 4800]);
    expect(appends[0].receivedAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('stops its answer when the caller barges in, and records the truncate', async () => {
    fake.setRealtimeTranscripts(['Tell me more', 'Sorry, go on']);
    const { rt, log } = await connect();
    rt.send({ type: 'input_audio_buffer.append', audio: voice(600) });
    rt.send({ type: 'input_audio_buffer.append', audio: silence(500) });
    const created = await log.next('response.created');
    const first = await log.next('response.output_audio.delta');

    rt.send({ type: 'input_audio_buffer.append', audio: voice(400) });
    const interrupted = await log.next('input_audio_buffer.speech_started');
    const done = await log.next('response.done');
    expect(done.response).toMatchObject({ id: created.response.id, status: 'cancelled', status_details: { type: 'cancelled', reason: 'turn_detected' } });
    expect(log.all.indexOf(done)).toBeGreaterThan(log.all.indexOf(interrupted));

    rt.send({ type: 'conversation.item.truncate', item_id: first.item_id, content_index: 0, audio_end_ms: 100 });
    await expect(log.next('conversation.item.truncated')).resolves.toMatchObject({ item_id: first.item_id, audio_end_ms: 100 });
    rt.send({ type: 'conversation.item.truncate', item_id: first.item_id, content_index: 0, audio_end_ms: 5000 });
    await expect(log.next('error')).resolves.toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('shorter than 5000ms') } });

    const record = fake.realtimeSessions.at(-1)!;
    expect(record.truncates).toEqual([{ item_id: first.item_id, content_index: 0, audio_end_ms: 100 }]);
    expect(record.responses[0]).toMatchObject({ status: 'cancelled', reason: 'turn_detected' });
    expect(record.responses[0].audio_ms).toBeLessThan(600);
  });

  it('cancels the in-flight answer on a truncate or response.cancel', async () => {
    const { rt, log } = await connect({ ...GA_SESSION, audio: { ...GA_SESSION.audio, input: { ...GA_SESSION.audio.input, turn_detection: null } } });
    rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] } });
    rt.send({ type: 'response.create' });
    const first = await log.next('response.output_audio.delta');
    rt.send({ type: 'response.create' });
    await expect(log.next('error')).resolves.toMatchObject({ error: { code: 'conversation_already_has_active_response' } });
    rt.send({ type: 'conversation.item.truncate', item_id: first.item_id, content_index: 0, audio_end_ms: 50 });
    await log.next('conversation.item.truncated');
    await expect(log.next('response.done')).resolves.toMatchObject({ response: { status: 'cancelled', status_details: { reason: 'client_cancelled' } } });

    rt.send({ type: 'response.create' });
    await log.next('response.output_audio.delta');
    rt.send({ type: 'response.cancel' });
    await expect(log.next('response.done')).resolves.toMatchObject({ response: { status: 'cancelled' } });
    rt.send({ type: 'response.cancel' });
    await expect(log.next('error')).resolves.toMatchObject({ error: { code: 'response_cancel_not_active' } });
  });

  it('calls a function the transcript asks for, then answers from its output', async () => {
    fake.setRealtimeTranscripts(['I want to talk to a real person']);
    const { rt, log } = await connect();
    rt.send({ type: 'input_audio_buffer.append', audio: voice(800) });
    rt.send({ type: 'input_audio_buffer.append', audio: silence(500) });
    const call = await log.next('response.function_call_arguments.done');
    expect(call).toMatchObject({ name: 'transfer_to_human', call_id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(call.arguments)).toEqual({ reason: 'I want to talk to a real person' });
    await expect(log.next('response.output_item.done')).resolves.toMatchObject({ item: { type: 'function_call', name: 'transfer_to_human', status: 'completed' } });
    await expect(log.next('response.done')).resolves.toMatchObject({ response: { status: 'completed', output: [{ type: 'function_call' }] } });
    expect(log.types()).not.toContain('response.output_audio.delta');

    rt.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ status: 'A colleague will join in a moment.' }) } });
    rt.send({ type: 'response.create' });
    const said = await log.next('response.output_audio_transcript.done');
    expect(said.transcript).toBe("I'm connecting you with a colleague now. A colleague will join in a moment.");

    const record = fake.realtimeSessions.at(-1)!;
    expect(record.functionCalls).toEqual([{ call_id: call.call_id, name: 'transfer_to_human', arguments: { reason: 'I want to talk to a real person' }, item_id: call.item_id }]);
    expect(record.toolOutputs).toEqual([{ call_id: call.call_id, name: 'transfer_to_human', output: '{"status":"A colleague will join in a moment."}' }]);
  });

  it('refuses session updates OpenAI would refuse', async () => {
    const { rt, log } = await connect();
    rt.send({ type: 'session.update', session: { instructions: 'x' } as never });
    await expect(log.next('error')).resolves.toMatchObject({ error: { code: 'missing_required_parameter', param: 'session.type' } });
    rt.send({ type: 'session.update', session: { type: 'realtime', input_audio_format: 'g711_ulaw' } as never });
    await expect(log.next('error')).resolves.toMatchObject({ error: { code: 'unknown_parameter', param: 'session.input_audio_format' } });
    rt.send({ type: 'input_audio_buffer.commit' });
    await expect(log.next('error')).resolves.toMatchObject({ error: { code: 'input_audio_buffer_commit_empty' } });
  });

  it('speaks the beta protocol to a plain ws client that asks for it', async () => {
    const socket = new WebSocket(`${fake.realtimeURL}?model=gpt-4o-realtime-preview`, { headers: { Authorization: 'Bearer sk-test', 'OpenAI-Beta': 'realtime=v1' } });
    open.push(socket);
    const log = new EventLog();
    socket.on('message', (data) => log.push(JSON.parse(data.toString())));
    await log.next('session.created');
    socket.send(JSON.stringify({ type: 'session.update', session: { input_audio_format: 'g711_ulaw', output_audio_format: 'g711_ulaw', modalities: ['audio', 'text'], turn_detection: null } }));
    await expect(log.next('session.updated')).resolves.toMatchObject({ session: { input_audio_format: 'g711_ulaw', turn_detection: null } });
    socket.send(JSON.stringify({ type: 'response.create', response: { instructions: 'Greet the caller: "Welcome to Acme, how can I help?"' } }));
    await log.next('response.audio.delta');
    await expect(log.next('response.audio_transcript.done')).resolves.toMatchObject({ transcript: 'Welcome to Acme, how can I help?' });
    await log.next('response.done');
    expect(log.types()).toContain('conversation.item.created');
    expect(fake.realtimeSessions.at(-1)!.protocol).toBe('beta');

    socket.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: voice(300) }));
    socket.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
    const committed = await log.next('input_audio_buffer.committed');
    await expect(log.next('conversation.item.created', (e) => e.item.id === committed.item_id)).resolves.toBeDefined();
    expect(fake.realtimeSessions.at(-1)!.userTurns).toEqual([expect.objectContaining({ item_id: committed.item_id, transcript: 'Hello?' })]);
  });

  it('refuses a wrong key at the handshake', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseURL });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: fake.certificate } }, wrong);
    open.push(rt);
    const error = await new Promise<Error>((resolve) => rt.on('error', resolve));
    expect(error.message).toContain('401');
  });
});
