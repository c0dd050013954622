import { asyncAmdParams, statusCallbackParams, voiceWebhookParams, type CallFacts } from './call-webhook-params';
import type { FakeTwilioWebhook, SignedWebhookSender } from './signed-webhook-sender';
import { FakeMediaStream, type FakeMediaScript, type FakeMediaStreamRecord } from './fake-media-stream';
import { callEnding, connectedStreamOf, parseTwiml, redirectOf, TwimlParseError, type ConnectedStream, type TwimlNode } from './twiml-document';
import { isHttpUrl } from './twilio-wire';

/**
 * One call as Twilio plays it: timers move it through queued → initiated → ringing → answered →
 * completed (or busy / no-answer / failed / canceled), each step announced to StatusCallback when
 * subscribed (StatusCallbackEvent), the voice webhook fetched on answer and its TwiML acted on
 * (<Hangup/>, <Reject/>, <Redirect>, <Connect><Stream> — a Media Stream that holds the rest of the
 * document until its socket closes; anything else keeps the caller on the line until the talk time
 * is up).
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
  /** Every webhook sent about this call (status, voice, amd), in delivery order, with our side's answer. */
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
}

/** A script with its defaults filled in. */
export type PlayedScript = Required<Omit<FakeTwilioCallScript, 'answeredBy' | 'media'>> & Pick<FakeTwilioCallScript, 'answeredBy' | 'media'>;

const FINAL_STATUSES: ReadonlySet<FakeTwilioCallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const SIP_CODES: Partial<Record<FakeTwilioCallStatus, number>> = { completed: 200, busy: 486, 'no-answer': 487, canceled: 487, failed: 500 };
/** Twilio follows at most this many <Redirect>s in a row before giving up on the call. */
const MAX_REDIRECTS = 10;
/** The detection time the fake reports (MachineDetectionDuration, ms). */
const DETECTION_MS = 30;

type Instructions = { twiml: string } | { url: string; method: string; fallback?: { url: string; method: string } };

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
  startInbound(target: { url: string; method: string }, talkMs: number, statusCallback?: string, media: FakeMediaScript = {}): Promise<FakeTwilioWebhook> {
    this.setStatusCallback(statusCallback, 'POST', undefined);
    this.inboundTalkMs = talkMs;
    this.mediaScript = media;
    return new Promise((resolve) => {
      this.enqueue(() => this.runInstructions({ ...target }, resolve));
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
    this.enqueue(() => this.runInstructions(instructions));
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

  /** Fetches (or takes inline) TwiML and acts on it, following <Redirect>s and FallbackUrl. */
  private async runInstructions(first: Instructions, onFirstAnswer?: (webhook: FakeTwilioWebhook) => void): Promise<void> {
    let instructions: Instructions | undefined = first;
    for (let hop = 0; instructions && hop <= MAX_REDIRECTS; hop++) {
      if (this.ended || this.stopped) return;
      let xml: string;
      let documentUrl: string | undefined;
      if ('twiml' in instructions) {
        xml = instructions.twiml;
      } else {
        let webhook = await this.fetchTwiml(instructions);
        if (hop === 0) onFirstAnswer?.(webhook);
        if (!answered(webhook) && instructions.fallback && !this.ended) webhook = await this.fetchTwiml(instructions.fallback);
        // Twilio says "an application error has occurred" and hangs up (errors 11200 / 12100).
        if (!answered(webhook)) return this.end('completed');
        xml = webhook.body;
        documentUrl = webhook.url;
      }
      instructions = await this.applyDocument(xml, documentUrl);
    }
    if (instructions && !this.ended) this.end('completed');
  }

  private fetchTwiml(target: { url: string; method: string }): Promise<FakeTwilioWebhook> {
    const amd = this.amd?.mode === 'sync' ? { answeredBy: this.amd.answeredBy, durationMs: DETECTION_MS } : undefined;
    const callStatus = this.record.status === 'in-progress' ? 'in-progress' : 'ringing';
    return this.deliver('voice', target, voiceWebhookParams(this.facts, callStatus, amd));
  }

  /** Acts on one TwiML document; answers the <Redirect> to follow, if any. */
  private async applyDocument(xml: string, documentUrl: string | undefined): Promise<Instructions | undefined> {
    this.record.twiml = xml;
    this.record.twimlHistory.push(xml);
    if (this.ended) return undefined;
    let document;
    try {
      document = parseTwiml(xml);
    } catch (error) {
      if (!(error instanceof TwimlParseError)) throw error;
      this.end('completed');
      return undefined;
    }
    const ending = callEnding(document);
    const unanswered = this.record.status !== 'in-progress';
    if (ending?.verb === 'Reject' && unanswered && document.children[0]?.name === 'Reject') {
      this.end(ending.reason === 'busy' ? 'busy' : 'no-answer');
      return undefined;
    }
    // Any other first answer picks an inbound call up.
    if (unanswered) {
      this.setStatus('in-progress');
      this.record.startTime = new Date();
      this.announce('answered', 'in-progress');
      this.startTalking(this.inboundTalkMs);
    }
    // Each <Connect><Stream> holds the call until its socket closes; Twilio then reads on.
    let verbs: TwimlNode = document;
    for (let stream = connectedStreamOf(verbs, documentUrl); stream; stream = connectedStreamOf(verbs, documentUrl)) {
      await this.stream(stream);
      if (this.ended || this.stopped) return undefined;
      verbs = { ...verbs, children: verbs.children.slice(stream.index + 1) };
    }
    if (ending && callEnding(verbs)) {
      this.end('completed');
      return undefined;
    }
    let redirect;
    try {
      redirect = redirectOf(verbs, documentUrl);
    } catch {
      // A <Redirect> to something that is not a URL: Twilio's application error, and it hangs up.
      this.end('completed');
      return undefined;
    }
    return redirect ? { url: redirect.url, method: redirect.method } : undefined;
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
    return { url: params.Url, method: params.Method ?? 'POST', fallback };
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
