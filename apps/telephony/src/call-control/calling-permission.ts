import { Inject, Injectable } from '@nestjs/common';
import { ComplianceSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus, ValidationException } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';

/**
 * Asks compliance whether the tenant may call a number now (do-not-call list, calling window in
 * the callee's local time). A refusal is a 422 naming the rule; no answer in time is a 503 from
 * the bus: an outbound call is never placed without compliance's yes.
 */
@Injectable()
export class CallingPermission {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async assertAllowed(phoneNumber: string, ctx: RequestContext): Promise<void> {
    const check = await this.bus.send(ComplianceSubjects.checkCalling, { phone_number: phoneNumber }, ctx, this.config.COMPLIANCE_CHECK_TIMEOUT_MS);
    if (check.allowed) return;
    const rule = check.rule ?? 'compliance';
    throw new ValidationException(`call refused by the ${rule} rule: ${check.reason ?? 'compliance does not allow this call'}`, {
      rule,
      reason: check.reason,
      phone_number: check.phone_number,
      timezone: check.timezone,
      local_time: check.local_time,
    });
  }
}
