import { Module } from '@nestjs/common';
import { CallingWindowModule } from '../calling-window/calling-window.module';
import { DncModule } from '../dnc/dnc.module';
import { PhoneTimezones } from '../phone/phone-timezones';
import { CallingCheckHandler } from './calling-check.handler';
import { CallingCheckService } from './calling-check.service';

/** The allow/deny answer telephony asks for before each outbound call. */
@Module({
  imports: [DncModule, CallingWindowModule],
  controllers: [CallingCheckHandler],
  providers: [CallingCheckService, PhoneTimezones],
})
export class CallingCheckModule {}
