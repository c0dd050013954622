import twilio from 'twilio';
import { agentClientIdentity } from '@parley/contracts';
import { sayIn, type SpokenVoice } from '../twilio/spoken-voice';

const { VoiceResponse } = twilio.twiml;

/** Custom parameters reach the agent's softphone with the call; Twilio caps their size, so long texts are cut. */
const PARAMETER_MAX_CHARS = 250;

const clip = (text: string) => (text.length > PARAMETER_MAX_CHARS ? `${text.slice(0, PARAMETER_MAX_CHARS - 1)}…` : text);

export interface WarmTransfer {
  agentId: string;
  callId: string;
  escalationId: string;
  reason: string | null;
  summary: string | null;
  /** Our `dial` webhook: Twilio reports there how the dial ended (DialCallStatus). */
  actionUrl: string;
  timeoutSeconds: number;
  /** What the caller hears first (default: that a member of the team is coming); an AI agent says its own words. */
  announcement?: string;
  /** The <Say> voice of the announcement (the AI agent's), when it has one. */
  voice?: SpokenVoice;
}

/**
 * A warm transfer: the caller is told a person is coming, then the agent's softphone (a Twilio
 * Client registered as the agent's identity) rings with the call, the escalation and why, so the
 * agent picks up knowing the context.
 */
export function warmTransferTwiml(transfer: WarmTransfer): string {
  const response = new VoiceResponse();
  sayIn(response, transfer.announcement ?? 'Please hold while I connect you with a member of our team.', transfer.voice);
  const dial = response.dial({ action: transfer.actionUrl, method: 'POST', timeout: transfer.timeoutSeconds });
  const client = dial.client();
  client.identity(agentClientIdentity(transfer.agentId));
  client.parameter({ name: 'call_id', value: transfer.callId });
  client.parameter({ name: 'escalation_id', value: transfer.escalationId });
  if (transfer.reason) client.parameter({ name: 'reason', value: clip(transfer.reason) });
  if (transfer.summary) client.parameter({ name: 'summary', value: clip(transfer.summary) });
  return response.toString();
}

export interface HoldInQueue {
  queueName: string;
  /** Our `wait` webhook: what the caller hears while holding (position, then music). */
  waitUrl: string;
  /** Our `queue` webhook: how the caller left the queue (QueueResult). */
  actionUrl: string;
  /** What the caller hears before holding. */
  announcement: string;
  voice?: SpokenVoice;
}

/** The caller holds in the tenant's human queue until an agent takes the next caller from it. */
export function holdInQueueTwiml(hold: HoldInQueue): string {
  const response = new VoiceResponse();
  sayIn(response, hold.announcement, hold.voice);
  response.enqueue({ waitUrl: hold.waitUrl, waitUrlMethod: 'POST', action: hold.actionUrl, method: 'POST' }, hold.queueName);
  return response.toString();
}

/** A pause between announcements when no hold music is configured. */
const SILENT_HOLD_SECONDS = 20;

/**
 * What a caller on hold hears, over and over (Twilio fetches the wait URL again when it ends):
 * their place in line, then hold music.
 */
export function holdMusicTwiml(position: number | null, holdMusicUrl: string): string {
  const response = new VoiceResponse();
  const place = position !== null && position > 0 ? `You are number ${position} in line. ` : '';
  response.say(`${place}Thank you for holding. The next available agent will be with you shortly.`);
  if (holdMusicUrl) response.play(holdMusicUrl);
  else response.pause({ length: SILENT_HOLD_SECONDS });
  return response.toString();
}

/** The caller's conversation with a person is over: say goodbye and hang up. */
export function farewellTwiml(): string {
  const response = new VoiceResponse();
  response.say('Thank you for calling. Goodbye.');
  response.hangup();
  return response.toString();
}

/** Nothing more for the call: Twilio goes on with what follows (or hangs up). */
export function noFurtherTwiml(): string {
  return new VoiceResponse().toString();
}
