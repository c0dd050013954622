import { asyncAmdParams, gatherWebhookParams, statusCallbackParams, voiceWebhookParams, type CallFacts } from './call-webhook-params';
import type { FakeTwilioWebhook, SignedWebhookSender } from './signed-webhook-sender';
import { FakeMediaStream, type FakeMediaScript, type FakeMediaStreamRecord } from './fake-media-stream';
import { parseTwiml, redirectTarget, spokenText, streamOf, TwimlParseError, type ConnectedStream, type TwimlNode } from './twiml-document';
import { isHttpUrl } from './twilio-wire';

/**
 * One call as Twilio plays it: timers move it through queued → initiated → ringing → answered →
 * completed (or busy / no-answer / failed / canceled), each step announced to StatusCallback when
 * subscribed (StatusCallbackEvent), the voice webhook fetched on answer and its TwiML acted on verb
 * by verb: <Say> is heard by the far end (record.heard), <Gather input="speech"> listens and posts
 * the far end's next scripted utterance to its action URL, <Connect><Stream> opens a Media Stream
 * that holds the rest of the document until its socket closes, <Redirect> fetches the next
 * document, <Hangup/> and <Reject/> end the call; anything else (<Enqueue>, <Dial>, <Pause>, <Play>)
 * keeps the caller on the line until the talk time is up. A REST update with new TwiML interrupts
 * whatever the call was running (a Gather stops listening, a Media Stream gets `stop`).
 * Webhooks go out one at a time, in order, so our side sees them as Twilio would send them.
 */

export interface FakeTwilioCallScript {
  outcome: 'completed' | 'busy' | 'no-answer' | 'failed';
  /** How long the far end rings before it answers, is busy or gives up (default 50 ms). */
  ringMs?: number;
  /** How long the far end stays on the line once answered (default 100 ms). */
  talkMs?: number;
  /** What answering-machine detection finds, when the call asked for it (default human). */
  answeredBy?: 'human' | 'machine_start';
  /** How the far end behaves on a Media Stream our TwiML opens (default: real time, speaking the whole call). */
  media?: FakeMediaScript;
  /**
   * What the far end says at each <Gather input="speech"> it reaches, in order; '' stays silent (the
   * Gather times out and the document goes on). Once they run out the far end hangs up. Without a
   * script the far end never speaks: it stays on the line until its talk time is up.
   */
  speech?: string[];
}

export type FakeTwilioCallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface FakeTwilioCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  direction: 'outbound-api' | 'inbound';
  /** The call's REST status (Twilio's Call resource never shows "initiated"). */
  status: FakeTwilioCallStatus;
  /** The form parameters of the create request (empty for an inbound call). */
  params: Record<string, string>;
  /** Form parameters of each update request (POST .../Calls/{sid}.json), oldest first. */
  updates: Array<Record<string, string>>;
  /** Every webhook sent about this call (status, voice, gather, amd), in delivery order, with our side's answer. */
  callbacks: FakeTwilioWebhook[];
  /** The TwiML document the call is running: the last one our side answered (or sent inline). */
  twiml?: string;
  /** Every TwiML document the call ran, oldest first. */
  twimlHistory: string[];
  /** Answering-machine detection result (only when MachineDetection was requested). */
  answeredBy?: string;
  dateCreated: Date;
  dateUpdated: Date;
  startTime?: Date;
  endTime?: Date;
  /** Whole seconds from answer to hang-up (0 for an unanswered call); set when the call ends. */
  durationSeconds?: number;
  /** Media Streams the call opened (<Connect><Stream>), oldest first. */
  mediaStreams: FakeMediaStreamRecord[];
  /** What the far end heard us say (<Say>, top level or inside a <Gather>), in order. */
  heard: string[];
  /** What the far end said to each speech <Gather> (SpeechResult posted; '' for silence), in order. */
  said: string[];
}

/** A script with its defaults filled in. */
export type PlayedScript = Required<Omit<FakeTwilioCallScript, 'answeredBy' | 'media' | 'speech'>> & Pick<FakeTwilioCallScript, 'answeredBy' | 'media' | 'speech'>;

const FINAL_STATUSES: ReadonlySet<FakeTwilioCallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const SIP_CODES: Partial<Record<FakeTwilioCallStatus, number>> = { completed: 200, busy: 486, 'no-answer': 487, canceled: 487, failed: 500 };
/** Twilio follows at most this many <Redirect>s in a row before giving up on the call. */
const MAX_REDIRECTS = 10;
/** The detection time the fake reports (MachineDetectionDuration, ms). */
const DETECTION_MS = 30;
/** The recogniser's confidence in what the far end said (Twilio's Confidence, 0…1). */
export const SPEECH_CONFIDENCE = '0.92';

/** A document to fetch: the call's Url, a <Redirect>'s, an update's, or a <Gather>'s action with what was said. */
interface Fetch {
  url: string;
  method: string;
  fallback?: { url: string; method: string };
  kind: 'voice' | 'gather';
  /** Extra parameters of a gather post (SpeechResult, Confidence). */
  params?: Record<string, string>;
  /** Fetched because of a <Redirect>: counts toward Twilio's limit of redirects in a row. */
  redirect?: boolean;
}

/** A <Gather> reached: what is left of the document runs if it times out. */
interface Listening {
  gather: TwimlNode;
  rest: TwimlNode[];
  documentUrl?: string;
}

type Instructions = { twiml: string } | Fetch | { listen: Listening };

export class CallRedirectRefused extends Error {}

export class FakeCall {
  private readonly timers = new Set<NodeJS.Timeout>();
  private chain: Promise<unknown> = Promise.resolve();
  private sequenceNumber = 0;
  private stopped = false;
  private pending?: Instructions;
  /** How long an inbound caller stays once our TwiML picks the call up. */
  private inboundTalkMs = 0;
  private statusCallback?: { url: string; method: string; events: Set<string> };
  private amd?: { mode: 'sync' | 'async'; answeredBy: string; callback?: { url: string; method: string } };
  private mediaScript: FakeMediaScript = {};
  private mediaStream?: FakeMediaStream;
  /** What is left to say at speech <Gather>s; undefined: the far end never speaks. */
  private speech?: string[];
  /** Bumped by each REST update with new TwiML: what the call ran before stops where it is. */
  private generation = 0;
  private resolveDone!: () => void;
  /** Resolves once the call has ended and every webhook about it has been answered. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    readonly record: FakeTwilioCall,
    private readonly sender: SignedWebhookSender,
    private readonly authToken: string,
  ) {}

  get ended(): boolean {
    return FINAL_STATUSES.has(this.record.status);
  }

  private get facts(): CallFacts {
    return this.record;
  }

  /** Plays an outbound call created through the REST API; stepMs: create → "initiated" → "ringing". */
  startOutbound(script: PlayedScript, stepMs: number): void {
    const params = this.record.params;
    this.mediaScript = script.media ?? {};
    this.speech = script.speech ? [...script.speech] : undefined;
    this.pending = params.Twiml !== undefined ? { twiml: params.Twiml } : this.urlInstructions(params);
    this.setStatusCallback(params.StatusCallback, params.StatusCallbackMethod, params.StatusCallbackEvent);
    const detection = params.MachineDetection;
    if (detection === 'Enable' || detection === 'DetectMessageEnd') {
      const machine = script.answeredBy === 'machine_start';
      this.amd = {
        mode: params.AsyncAmd === 'true' ? 'async' : 'sync',
        answeredBy: machine ? (detection === 'DetectMessageEnd' ? 'machine_end_beep' : 'machine_start') : 'human',
        callback: params.AsyncAmdStatusCallback ? { url: params.AsyncAmdStatusCallback, method: params.AsyncAmdStatusCallbackMethod ?? 'POST' } : undefined,
      };
    }
    const timeoutMs = params.Timeout !== undefined && Number(params.Timeout) > 0 ? Number(params.Timeout) * 1000 : Infinity;

    this.after(stepMs, () => {
      this.announce('initiated', 'initiated');
      if (script.outcome === 'failed') return this.after(script.ringMs, () => this.end('failed'));
      this.after(stepMs, () => {
        this.setStatus('ringing');
        this.announce('ringing', 'ringing');
        if (script.outcome !== 'completed') return this.after(script.ringMs, () => this.end(script.outcome));
        if (script.ringMs >= timeoutMs) return this.after(timeoutMs, () => this.end('no-answer'));
        this.after(script.ringMs, () => this.answerOutbound(script.talkMs));
      });
    });
  }

  /** Plays an inbound call: resolves with our side's answer to the first voice webhook. */
  startInbound(
    target: { url: string; method: string }, talkMs: number, statusCallback?: string, media: FakeMediaScript = {}, speech?: string[],
  ): Promise<FakeTwilioWebhook> {
    this.setStatusCallback(statusCallback, 'POST', undefined);
    this.inboundTalkMs = talkMs;
    this.mediaScript = media;
    this.speech = speech ? [...speech] : undefined;
    return new Promise((resolve) => {
      this.enqueue(() => this.runInstructions({ ...target, kind: 'voice' }, resolve));
    });
  }

  /** REST update Status=canceled: hangs up a call that is queued or ringing; an answered call is left alone. */
  cancel(): void {
    if (this.record.status === 'queued' || this.record.status === 'ringing') this.end('canceled');
  }

  /** REST update Status=completed: hangs up, whatever the stage (an unanswered call ends canceled). */
  complete(): void {
    if (this.record.status === 'in-progress') this.end('completed');
    else this.cancel();
  }

  /** REST update with Twiml or Url: an answered call runs it now; an unanswered one will on answer. */
  redirect(params: Record<string, string>): void {
    if (this.ended) throw new CallRedirectRefused('Call is not in-progress. Cannot redirect.');
    const instructions: Instructions = params.Twiml !== undefined ? { twiml: params.Twiml } : this.urlInstructions(params);
    // An outbound call not yet answered keeps them for the answer; a live (or ringing inbound) call runs them next.
    if (this.record.status !== 'in-progress' && this.record.direction === 'outbound-api') {
      this.pending = instructions;
      return;
    }
    // What the call was running stops: a Gather stops listening, a Media Stream gets `stop`.
    const generation = ++this.generation;
    this.mediaStream?.hangUp();
    this.enqueue(() => this.runInstructions(instructions, undefined, generation));
  }

  /** REST update of StatusCallback / StatusCallbackMethod: later events go there. */
  updateStatusCallback(params: Record<string, string>): void {
    if (params.StatusCallback === undefined && params.StatusCallbackMethod === undefined) return;
    const events = this.statusCallback ? [...this.statusCallback.events].join(' ') : undefined;
    this.setStatusCallback(params.StatusCallback ?? this.statusCallback?.url, params.StatusCallbackMethod ?? this.statusCallback?.method, events);
  }

  /** Stops the call where it stands: no more timers, no more webhooks. */
  stop(): void {
    this.stopped = true;
    this.mediaStream?.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // --- the call's progress ---------------------------------------------------------------------

  private answerOutbound(talkMs: number): void {
    this.setStatus('in-progress');
    this.record.startTime = new Date();
    if (this.amd) this.record.answeredBy = this.amd.answeredBy;
    this.announce('answered', 'in-progress');
    const instructions = this.pending;
    this.pending = undefined;
    if (instructions && !('twiml' in instructions)) {
      // The far end's talk time starts once the call runs its TwiML: on a busy host a short talk
      // time must not hang up before the voice webhook was even fetched.
      this.enqueue(() => this.runInstructions(instructions, () => this.startTalking(talkMs)));
    } else {
      this.startTalking(talkMs);
      if (instructions) this.enqueue(() => this.runInstructions(instructions));
    }
    const amd = this.amd;
    if (amd?.mode === 'async' && amd.callback) {
      const callback = amd.callback;
      this.enqueue(() => this.deliver('amd', callback, asyncAmdParams(this.facts, amd.answeredBy, DETECTION_MS)));
    }
  }

  /** The far end stays on the line for talkMs (and never past TimeLimit), then hangs up. */
  private startTalking(talkMs: number): void {
    this.after(talkMs, () => this.end('completed'));
    const limit = Number(this.record.params.TimeLimit);
    if (limit > 0) this.after(limit * 1000, () => this.end('completed'));
  }

  /**
   * Fetches (or takes inline) TwiML and acts on it, following <Redirect>s, <Gather> actions and
   * FallbackUrl, until the document runs out, the call ends, or a REST update replaces it.
   */
  private async runInstructions(
    first: Instructions, onFirstAnswer?: (webhook: FakeTwilioWebhook) => void, generation = this.generation, redirectsSoFar = 0,
  ): Promise<void> {
    let instructions: Instructions | undefined = first;
    let redirects = redirectsSoFar;
    let fetched = false;
    while (instructions) {
      if (this.ended || this.stopped || generation !== this.generation) return;
      let next: Instructions | undefined;
      if ('listen' in instructions) {
        next = await this.listen(instructions.listen, generation);
      } else if ('twiml' in instructions) {
        next = await this.applyDocument(instructions.twiml, undefined, generation);
      } else {
        let webhook = await this.fetchTwiml(instructions);
        if (!fetched) onFirstAnswer?.(webhook);
        fetched = true;
        if (!answered(webhook) && instructions.fallback && !this.ended) webhook = await this.fetchTwiml({ ...instructions.fallback, kind: 'voice' });
        // Twilio says "an application error has occurred" and hangs up (errors 11200 / 12100).
        if (!answered(webhook)) return this.end('completed');
        next = await this.applyDocument(webhook.body, webhook.url, generation);
      }
      if (next && 'listen' in next) {
        // The far end listens, then answers: webhooks already due (AMD, status) go out first.
        const listening = next;
        const count = redirects;
        this.enqueue(() => this.runInstructions(listening, undefined, generation, count));
        return;
      }
      if (next && 'url' in next && next.redirect) {
        if (++redirects > MAX_REDIRECTS) return this.end('completed');
      } else if (next && 'url' in next && next.kind === 'gather') {
        redirects = 0;
      }
      instructions = next;
    }
  }

  private fetchTwiml(target: Fetch): Promise<FakeTwilioWebhook> {
    const callStatus = this.record.status === 'in-progress' ? 'in-progress' : 'ringing';
    if (target.kind === 'gather') return this.deliver('gather', target, gatherWebhookParams(this.facts, callStatus, target.params ?? {}));
    const amd = this.amd?.mode === 'sync' ? { answeredBy: this.amd.answeredBy, durationMs: DETECTION_MS } : undefined;
    return this.deliver('voice', target, voiceWebhookParams(this.facts, callStatus, amd));
  }

  /** Takes up one TwiML document (an unanswered inbound call is picked up by it) and runs its verbs. */
  private async applyDocument(xml: string, documentUrl: string | undefined, generation: number): Promise<Instructions | undefined> {
    if (this.ended || generation !== this.generation) return undefined;
    this.record.twiml = xml;
    this.record.twimlHistory.push(xml);
    let document;
    try {
      document = parseTwiml(xml);
    } catch (error) {
      if (!(error instanceof TwimlParseError)) throw error;
      this.end('completed');
      return undefined;
    }
    const unanswered = this.record.status !== 'in-progress';
    const first = document.children[0];
    if (unanswered && first?.name === 'Reject') {
      this.end(first.attributes.reason === 'busy' ? 'busy' : 'no-answer');
      return undefined;
    }
    // Any other first answer picks an inbound call up.
    if (unanswered) {
      this.setStatus('in-progress');
      this.record.startTime = new Date();
      this.announce('answered', 'in-progress');
      this.startTalking(this.inboundTalkMs);
    }
    return this.runVerbs(document.children, documentUrl, generation);
  }

  /** Runs verbs in order; answers what comes next (a document to fetch, a Gather to listen at), if anything. */
  private async runVerbs(verbs: TwimlNode[], documentUrl: string | undefined, generation: number): Promise<Instructions | undefined> {
    for (const [index, verb] of verbs.entries()) {
      if (this.ended || this.stopped || generation !== this.generation) return undefined;
      switch (verb.name) {
        case 'Say':
          this.hear(verb);
          break;
        case 'Gather':
          for (const child of verb.children) if (child.name === 'Say') this.hear(child);
          return { listen: { gather: verb, rest: verbs.slice(index + 1), documentUrl } };
        case 'Connect': {
          // <Connect><Stream> holds the call until its socket closes; Twilio then reads on.
          const stream = streamOf(verb, documentUrl);
          if (stream) await this.stream({ index, ...stream });
          break;
        }
        case 'Hangup':
        case 'Reject':
          this.end('completed');
          return undefined;
        case 'Redirect':
          try {
            return { ...redirectTarget(verb, documentUrl), kind: 'voice', redirect: true };
          } catch {
            // A <Redirect> to something that is not a URL: Twilio's application error, and it hangs up.
            this.end('completed');
            return undefined;
          }
        default:
          // <Enqueue>, <Dial>, <Pause>, <Play>…: the far end stays on the line.
          break;
      }
    }
    return undefined;
  }

  /**
   * The far end at a <Gather>: speech (input="speech") gets its next scripted utterance posted to
   * the action URL (the document's own URL by default) with SpeechResult and Confidence; silence
   * or a keypress Gather (no keys are scripted) times out and the rest of the document runs.
   */
  private async listen({ gather, rest, documentUrl }: Listening, generation: number): Promise<Instructions | undefined> {
    if (this.ended || this.stopped || generation !== this.generation) return undefined;
    const inputs = (gather.attributes.input ?? 'dtmf').split(/\s+/);
    if (!inputs.includes('speech')) return this.runVerbs(rest, documentUrl, generation);
    // Nothing scripted: the far end never speaks, and stays until its talk time is up.
    if (!this.speech) return undefined;
    const utterance = this.speech.shift();
    if (utterance === undefined) {
      this.end('completed');
      return undefined;
    }
    const said = utterance.trim();
    this.record.said.push(said);
    const action = gather.attributes.action?.trim() || documentUrl;
    if ((!said && gather.attributes.actionOnEmptyResult !== 'true') || !action) return this.runVerbs(rest, documentUrl, generation);
    let url: string;
    try {
      url = new URL(action, documentUrl).toString();
    } catch {
      this.end('completed');
      return undefined;
    }
    const params: Record<string, string> = said ? { SpeechResult: said, Confidence: SPEECH_CONFIDENCE } : {};
    return { url, method: (gather.attributes.method ?? 'POST').toUpperCase(), kind: 'gather', params };
  }

  private hear(say: TwimlNode): void {
    const text = spokenText(say);
    if (text) this.record.heard.push(text);
  }

  /** Opens the Media Stream and plays the far end on it; resolves once its socket has closed. */
  private async stream(target: ConnectedStream): Promise<void> {
    const stream = new FakeMediaStream({
      url: target.url,
      parameters: target.parameters,
      accountSid: this.record.accountSid,
      callSid: this.record.sid,
      authToken: this.authToken,
      script: this.mediaScript,
      onHangUp: () => this.end('completed'),
    });
    this.mediaStream = stream;
    this.record.mediaStreams.push(stream.record);
    stream.open();
    await stream.closed;
    if (this.mediaStream === stream) this.mediaStream = undefined;
  }

  /** Ends the call with a final status and sends the "completed" status callback. */
  private end(status: FakeTwilioCallStatus): void {
    if (this.ended || this.stopped) return;
    // The caller hangs up: the stream gets its `stop` first, as on Twilio.
    this.mediaStream?.hangUp();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const now = new Date();
    this.setStatus(status, now);
    this.record.endTime = now;
    const start = this.record.startTime;
    // Twilio bills started seconds: any answered call lasts at least one.
    this.record.durationSeconds = start ? Math.max(1, Math.ceil((now.getTime() - start.getTime()) / 1000)) : 0;
    this.announce('completed', status, {
      callDurationSeconds: this.record.durationSeconds,
      sipResponseCode: SIP_CODES[status],
    });
    this.enqueue(async () => this.resolveDone());
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private urlInstructions(params: Record<string, string>): Instructions {
    const fallback = params.FallbackUrl ? { url: params.FallbackUrl, method: params.FallbackMethod ?? 'POST' } : undefined;
    return { url: params.Url, method: params.Method ?? 'POST', fallback, kind: 'voice' };
  }

  private setStatusCallback(url: string | undefined, method: string | undefined, events: string | undefined): void {
    if (!url || !isHttpUrl(url)) {
      this.statusCallback = undefined;
      return;
    }
    const subscribed = (events ?? 'completed').split(/[\s,]+/).filter(Boolean);
    this.statusCallback = { url, method: method ?? 'POST', events: new Set(subscribed.length ? subscribed : ['completed']) };
  }

  private setStatus(status: FakeTwilioCallStatus, at = new Date()): void {
    this.record.status = status;
    this.record.dateUpdated = at;
  }

  /** A call progress event: a status callback if StatusCallback subscribed to it. */
  private announce(event: string, callStatus: string, final?: { callDurationSeconds: number; sipResponseCode?: number }): void {
    const target = this.statusCallback;
    if (!target || !target.events.has(event)) return;
    const params = statusCallbackParams(this.facts, {
      callStatus,
      sequenceNumber: this.sequenceNumber++,
      timestamp: new Date(),
      callDurationSeconds: final?.callDurationSeconds,
      sipResponseCode: final?.sipResponseCode,
      answeredBy: this.amd ? this.record.answeredBy : undefined,
    });
    this.enqueue(() => this.deliver('status', target, params));
  }

  private async deliver(kind: FakeTwilioWebhook['kind'], target: { url: string; method: string }, params: Record<string, string>): Promise<FakeTwilioWebhook> {
    const webhook = await this.sender.send(kind, target, params, this.authToken);
    this.record.callbacks.push(webhook);
    return webhook;
  }

  /**
   * Webhooks about a call go out one after another, in the order their events happened. A step
   * that throws is what Twilio calls an application error: the call hangs up, the chain goes on.
   */
  private enqueue(step: () => Promise<unknown>): void {
    this.chain = this.chain.then(() => (this.stopped ? undefined : step())).catch(() => this.end('completed'));
  }

  private after(ms: number, action: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

function answered(webhook: FakeTwilioWebhook): boolean {
  return webhook.status >= 200 && webhook.status < 300;
}
