import type { ByIdDto, Page } from '../common/pagination';
import type { MessageDto } from '../identity/auth.dto';
import type { CallDetailDto, CallDto, CallQueryDto, CallStatsDto, CreateCallDto, InitiateCallDto } from './call.dto';
import type { ChannelSettingsDto, ChannelSettingsView } from './channels.dto';
import type { ConnectionTestResultDto, TestConnectionDto } from './connection-test.dto';
import type { EscalateCallRequest, EscalationDto } from './escalation.dto';
import type { BindNumberRequest, NumberBindingDto, UnbindNumberRequest } from './number-binding.dto';
import type { CallNotesRequest, CreateNoteRequest, NoteDto, NoteRefRequest, UpdateNoteRequest } from './note.dto';
import type {
  TelephonySettingsDto, TelephonySettingsView, TwilioWebhookRequest, TwilioWebhookResponse,
} from './telephony-settings.dto';

export const TelephonySubjects = {
  listCalls: 'telephony.call.list',
  createCall: 'telephony.call.create',
  getCall: 'telephony.call.get',
  callStats: 'telephony.call.stats',
  initiateCall: 'telephony.call.initiate',
  endCall: 'telephony.call.end',
  escalateCall: 'telephony.call.escalate',
  listNotes: 'telephony.note.list',
  createNote: 'telephony.note.create',
  updateNote: 'telephony.note.update',
  deleteNote: 'telephony.note.delete',
  getSettings: 'telephony.settings.get',
  updateSettings: 'telephony.settings.update',
  /** Forgets the tenant's Twilio account (voice-ai undoes a first-time save made by a failed setup). */
  deleteSettings: 'telephony.settings.delete',
  testConnection: 'telephony.connection.test',
  getChannels: 'telephony.channels.get',
  updateChannels: 'telephony.channels.update',
  /** Public Twilio webhooks, forwarded by the gateway with the signature; answered with TwiML or text. */
  twilioWebhook: 'telephony.twilio.webhook',
  /** voice-ai deploys an agent on a number / pauses or deletes it. */
  bindNumber: 'telephony.number.bind',
  unbindNumber: 'telephony.number.unbind',
} as const;

export interface TelephonyRequests {
  [TelephonySubjects.listCalls]: { req: CallQueryDto; res: Page<CallDto> };
  [TelephonySubjects.createCall]: { req: CreateCallDto; res: CallDto };
  [TelephonySubjects.getCall]: { req: ByIdDto; res: CallDetailDto };
  [TelephonySubjects.callStats]: { req: Record<string, never>; res: CallStatsDto };
  [TelephonySubjects.initiateCall]: { req: InitiateCallDto; res: CallDto };
  [TelephonySubjects.endCall]: { req: ByIdDto; res: CallDto };
  [TelephonySubjects.escalateCall]: { req: EscalateCallRequest; res: EscalationDto };
  [TelephonySubjects.listNotes]: { req: CallNotesRequest; res: NoteDto[] };
  [TelephonySubjects.createNote]: { req: CreateNoteRequest; res: NoteDto };
  [TelephonySubjects.updateNote]: { req: UpdateNoteRequest; res: NoteDto };
  [TelephonySubjects.deleteNote]: { req: NoteRefRequest; res: MessageDto };
  [TelephonySubjects.getSettings]: { req: Record<string, never>; res: TelephonySettingsView };
  [TelephonySubjects.updateSettings]: { req: TelephonySettingsDto; res: TelephonySettingsView };
  [TelephonySubjects.deleteSettings]: { req: Record<string, never>; res: MessageDto };
  [TelephonySubjects.testConnection]: { req: TestConnectionDto; res: ConnectionTestResultDto };
  [TelephonySubjects.getChannels]: { req: Record<string, never>; res: ChannelSettingsView };
  [TelephonySubjects.updateChannels]: { req: ChannelSettingsDto; res: ChannelSettingsView };
  [TelephonySubjects.twilioWebhook]: { req: TwilioWebhookRequest; res: TwilioWebhookResponse };
  [TelephonySubjects.bindNumber]: { req: BindNumberRequest; res: NumberBindingDto };
  [TelephonySubjects.unbindNumber]: { req: UnbindNumberRequest; res: { unbound: string[] } };
}
