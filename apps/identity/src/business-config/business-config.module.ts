import { Module } from '@nestjs/common';
import { BusinessConfigHandler } from './business-config.handler';
import { BusinessConfigService } from './business-config.service';

@Module({ controllers: [BusinessConfigHandler], providers: [BusinessConfigService] })
export class BusinessConfigModule {}
