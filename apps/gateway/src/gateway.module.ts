import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { NatsConnectionHolder, PlatformModule, VALIDATION_OPTIONS, validationException, PLATFORM_CONFIG, type PlatformConfig } from '@parley/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { JwtStrategy } from './auth/jwt.strategy';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PermissionsGuard } from './auth/permissions.guard';
import { HttpErrorFilter } from './http/http-error.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { SocketGateway } from './sockets/socket.gateway';
import { EventFanout } from './sockets/event-fanout';
import { GatewayHealthController } from './health/gateway-health.controller';
import { AuthController } from './identity/auth.controller';
import { TenantController } from './identity/tenant.controller';
import { RoleController } from './identity/role.controller';
import { AgentController } from './identity/agent.controller';
import { BusinessConfigController } from './identity/business-config.controller';
import { LeadController } from './leads/lead.controller';
import { AutomationController } from './leads/automation.controller';
import { CampaignController } from './leads/campaign.controller';
import { QueueController } from './leads/queue.controller';
import { KnowledgeDocumentController } from './knowledge/knowledge-document.controller';
import { OnboardingKnowledgeController } from './knowledge/onboarding-knowledge.controller';
import { KnowledgeSearchController } from './knowledge/knowledge-search.controller';
import { KnowledgeProductController } from './knowledge/knowledge-product.controller';
import { DocumentUploadForwarder } from './knowledge/document-upload.forwarder';
import { MultipartUploadReader } from './http/multipart-upload.reader';
import { DncController } from './compliance/dnc.controller';
import { CallingWindowsController } from './compliance/calling-windows.controller';
import { CallController } from './telephony/call.controller';
import { CallNoteController } from './telephony/call-note.controller';
import { TelephonySettingsController } from './telephony/telephony-settings.controller';
import { TwilioWebhookController } from './telephony/twilio-webhook.controller';
import { MediaStreamProxy } from './telephony/media-stream.proxy';
import { CallEscalationController } from './telephony/call-escalation.controller';
import { ChannelOnboardingController } from './telephony/channel-onboarding.controller';
import { ConnectionTestController } from './telephony/connection-test.controller';
import { EscalationWebhookController } from './telephony/escalation-webhook.controller';
import { AiAgentController } from './voice-ai/ai-agent.controller';
import { VoiceCallController } from './voice-ai/voice-call.controller';
import { VoiceAiOnboardingController } from './voice-ai/voice-ai-onboarding.controller';
import { AiQueryController } from './voice-ai/ai-query.controller';
import { RecommendationController } from './voice-ai/recommendation.controller';
import { AiSettingsController } from './voice-ai/ai-settings.controller';
import { VoiceCallRealtimeServer } from './voice-ai/realtime/voice-call-realtime.server';

export function bucketPrefix(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9]/g, '_');
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forService({ service: 'gateway', config, healthController: false }), PassportModule],
      controllers: [
        GatewayHealthController,
        AuthController,
        TenantController,
        RoleController,
        AgentController,
        BusinessConfigController,
        LeadController,
        AutomationController,
        CampaignController,
        QueueController,
        KnowledgeDocumentController,
        OnboardingKnowledgeController,
        KnowledgeSearchController,
        KnowledgeProductController,
        DncController,
        CallingWindowsController,
        CallController,
        CallNoteController,
        TelephonySettingsController,
        TwilioWebhookController,
        CallEscalationController,
        ChannelOnboardingController,
        ConnectionTestController,
        EscalationWebhookController,
        AiAgentController,
        VoiceCallController,
        VoiceAiOnboardingController,
        AiQueryController,
        RecommendationController,
        AiSettingsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        {
          provide: IdempotencyStore,
          inject: [NatsConnectionHolder, PLATFORM_CONFIG],
          useFactory: (nats: NatsConnectionHolder, platform: PlatformConfig) =>
            IdempotencyStore.open(nats.nc, `${bucketPrefix(platform.NATS_SUBJECT_PREFIX)}gateway_idempotency`, config.IDEMPOTENCY_TTL_HOURS * 3_600_000),
        },
        JwtStrategy,
        MultipartUploadReader,
        DocumentUploadForwarder,
        SocketGateway,
        EventFanout,
        MediaStreamProxy,
        VoiceCallRealtimeServer,
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            ...VALIDATION_OPTIONS,
            transform: true,
            exceptionFactory: validationException,
          }),
        },
      ],
    };
  }
}

