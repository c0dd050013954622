import { Inject, Injectable } from '@nestjs/common';
import type { CallingCheckDto, CallingCheckResultDto, RequestContext } from '@parley/contracts';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from '../compliance.config';
import { windowDecision } from '../calling-window/calling-window-policy';
import { CallingWindowsService } from '../calling-window/calling-windows.service';
import { localClock } from '../calling-window/local-clock';
import { DncService } from '../dnc/dnc.service';
import { parsePhone } from '../phone/phone-number';
import { PhoneTimezones } from '../phone/phone-timezones';

/**
 * `compliance.calling.check`, asked by telephony before every outbound dial: is the number valid,
 * off the tenant's do-not-call list, and inside the tenant's calling window in the callee's
 * local time? The first rule that refuses is answered, in words. A check is one primary-key
 * lookup; the tenant's windows and the number's zones come from memory after the first time.
 */
@Injectable()
export class CallingCheckService {
  constructor(
    private readonly dnc: DncService,
    private readonly windows: CallingWindowsService,
    private readonly zones: PhoneTimezones,
    @Inject(COMPLIANCE_CONFIG) private readonly config: ComplianceConfig,
  ) {}

  async check(dto: CallingCheckDto, ctx: RequestContext): Promise<CallingCheckResultDto> {
    const at = dto.at ? new Date(dto.at) : new Date();
    const parsed = parsePhone(dto.phone_number, this.config.DEFAULT_PHONE_REGION);
    if (!parsed.ok) {
      const rules = await this.windows.rules(ctx);
      return {
        allowed: false, rule: 'invalid_number', reason: parsed.reason, phone_number: dto.phone_number,
        timezone: rules.fallbackTimezone, local_time: localClock(at, rules.fallbackTimezone).iso,
      };
    }

    const [listed, rules, zones] = await Promise.all([
      this.dnc.find(parsed.e164, ctx), this.windows.rules(ctx), this.zones.of(parsed.number),
    ]);
    // A range spanning zones (a toll-free number, a country with several) cannot be placed: the tenant's fallback decides.
    const timezone = zones.length === 1 ? zones[0] : rules.fallbackTimezone;
    const clock = localClock(at, timezone);
    const answer = { phone_number: parsed.e164, timezone, local_time: clock.iso };

    if (listed) {
      const why = listed.reason ? `: ${listed.reason}` : '';
      return { ...answer, allowed: false, rule: 'do_not_call', reason: `${parsed.e164} is on the do-not-call list (${listed.source})${why}` };
    }
    if (rules.enforced) {
      const decision = windowDecision(rules.windows, clock, timezone);
      if (!decision.allowed) return { ...answer, allowed: false, rule: 'calling_window', reason: decision.reason };
    }
    return { ...answer, allowed: true, rule: null, reason: null };
  }
}
