import { Injectable } from '@nestjs/common';
import type { RequestContext, TwilioWebhookRequest, TwilioWebhookResponse } from '@parley/contracts';
import { TenantDb, type UnitOfWork } from '@parley/platform';
import { AiCallResponder } from '../ai-call/ai-call-responder';
import { aiCallOf, machineStep, speechStep, type AiCallStep } from '../ai-call/ai-call-step';
import { EscalationWebhookResponder } from '../escalation/escalation-webhook.responder';
import { CallLifecycle } from '../call/call-lifecycle';
import { CallEntity } from '../call/call.entity';
import { CallReportRecorder } from './call-report-recorder';
import { StatusCallbackApplier } from './status-callback-applier';
import { callStatusFromTwilio } from './twilio-call-status';
import { twilioTimestamp } from './twilio-params';
import { callIdOfWebhookPath } from './twilio-webhook-urls';
import { flatParams, TwilioWebhookVerifier } from './twilio-webhook-verifier';
import { VoiceWebhookResponder } from './voice-webhook-responder';
import { WebhookReceipts } from './webhook-receipts';
import { emptyTwiml } from './voice-twiml';

const plain = (body = ''): TwilioWebhookResponse => ({ content_type: 'text/plain', body });
const xml = (body: string): TwilioWebhookResponse => ({ content_type: 'text/xml', body });

/** What a webhook's transaction decided: the answer, or a turn to ask voice-ai for once it has committed. */
type Applied = TwilioWebhookResponse | { ai: AiCallStep };

/**
 * What a repeated delivery is answered (nothing is applied twice). Voice and the escalation
 * webhooks (dial, queue, wait) are always answered in full: their handlers change nothing twice.
 */
const REPEAT_ANSWER: Partial<Record<TwilioWebhookRequest['kind'], () => TwilioWebhookResponse>> = {
  status: () => plain(),
  amd: () => plain(),
  gather: () => xml(emptyTwiml()),
  recording: () => xml(emptyTwiml()),
};

/**
 * Twilio's webhooks, as the gateway forwards them: verified (403 and nothing changed otherwise),
 * applied once in one transaction with the call row locked, and answered with TwiML or empty text.
 * For a call an AI agent holds, voice-ai's next turn is asked after that transaction (AiCallResponder):
 * the voice and gather webhooks answer with it, async AMD finding a machine leaves its voicemail.
 */
@Injectable()
export class TwilioWebhookService {
  constructor(
    private readonly db: TenantDb,
    private readonly verifier: TwilioWebhookVerifier,
    private readonly receipts: WebhookReceipts,
    private readonly lifecycle: CallLifecycle,
    private readonly statusCallbacks: StatusCallbackApplier,
    private readonly voice: VoiceWebhookResponder,
    private readonly reports: CallReportRecorder,
    private readonly escalations: EscalationWebhookResponder,
    private readonly aiCalls: AiCallResponder,
  ) {}

  async handle(request: TwilioWebhookRequest, ctx: RequestContext): Promise<TwilioWebhookResponse> {
    const account = await this.verifier.verifiedAccount(request);
    // Twilio is the caller: the tenant is the one the signed URL names, nobody is the actor.
    const webhookCtx: RequestContext = { request_id: ctx.request_id, tenant_id: account.tenantId, user_id: null, roles: [], perms: [] };
    const { kind } = request;
    const params = flatParams(request.params);
    const applied = await this.db.transaction(webhookCtx, async (uow): Promise<Applied> => {
      const first = await this.receipts.firstDelivery(uow, account.tenantId, request.signature as string, kind);
      const repeat = first ? undefined : REPEAT_ANSWER[kind];
      if (repeat) return repeat();
      const call = await this.lockedCall(uow, request.path, params);
      switch (kind) {
        case 'voice': {
          const answer = await this.voice.respond(uow, account, call, params);
          return typeof answer === 'string' ? xml(answer) : { ai: answer };
        }
        case 'status':
          if (call) await this.statusCallbacks.apply(uow, call, params);
          return plain();
        case 'gather': {
          const aiCall = call ? aiCallOf(call) : null;
          // voice-ai reports both sides of its conversation (interaction.added): the caller's words are not recorded twice.
          if (call && aiCall) {
            await this.moveToReportedStatus(uow, call, params);
            return { ai: speechStep(aiCall, params) };
          }
          if (call) await this.reports.gather(uow, call, params);
          return xml(emptyTwiml());
        }
        case 'recording':
          if (call) await this.reports.recording(uow, call, params);
          return xml(emptyTwiml());
        case 'amd': {
          if (!call) return plain();
          await this.reports.answeringMachine(uow, call, params);
          const aiCall = aiCallOf(call);
          const machine = aiCall ? machineStep(aiCall, params) : null;
          return machine ? { ai: machine } : plain();
        }
        case 'dial':
          return xml(await this.escalations.dialEnded(uow, account, call, request.path, params));
        case 'queue':
          return xml(await this.escalations.queueLeft(uow, call, request.path, params));
        case 'wait':
          return xml(await this.escalations.wait(uow, call, request.path, params));
      }
    });
    if (!('ai' in applied)) return applied;
    const step = applied.ai;
    if (step.kind !== 'machine') return xml(await this.aiCalls.answer(step, account, webhookCtx));
    await this.aiCalls.leaveVoicemail(step, account, webhookCtx);
    return plain();
  }

  /** A gather webhook's CallStatus: it proves an inbound call was picked up before any status callback says so. */
  private async moveToReportedStatus(uow: UnitOfWork, call: CallEntity, params: Record<string, string>): Promise<void> {
    const status = callStatusFromTwilio(params['CallStatus']);
    if (status) await this.lifecycle.moveStatus(uow, call, status, { at: twilioTimestamp(params['Timestamp']) });
  }

  /**
   * The webhook's call, row-locked: by CallSid, else by the call id we put in the URL when we
   * placed it (a callback can beat the CallSid into our database), which then learns its CallSid.
   */
  private async lockedCall(uow: UnitOfWork, path: string, params: Record<string, string>): Promise<CallEntity | null> {
    const callSid = params['CallSid'] || null;
    const bySid = callSid ? await this.lifecycle.lockByProviderId(uow, callSid) : null;
    if (bySid) return bySid;
    const callId = callIdOfWebhookPath(path);
    if (!callId) return null;
    const call = await this.lifecycle.lockById(uow, callId);
    if (!call) return null;
    // A call that already has another CallSid is not this webhook's call.
    if (call.providerCallId && call.providerCallId !== callSid) return null;
    if (callSid && !call.providerCallId) {
      await uow.repo(CallEntity).update({ id: call.id }, { providerCallId: callSid });
      call.providerCallId = callSid;
    }
    return call;
  }
}
