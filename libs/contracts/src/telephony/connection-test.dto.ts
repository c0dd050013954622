import { IsIn, IsOptional } from 'class-validator';
import type { OpenAIConnectionResult } from '../voice-ai/ai.dto';

export const CONNECTION_TEST_PROVIDERS = ['twilio', 'openai'] as const;
export type ConnectionTestProvider = (typeof CONNECTION_TEST_PROVIDERS)[number];

/** `POST /config/test-connection`: checks the saved credentials for real; all providers when none is named. */
export class TestConnectionDto {
  @IsOptional() @IsIn(CONNECTION_TEST_PROVIDERS)
  provider?: ConnectionTestProvider;
}

export interface TwilioConnectionResult {
  /** Credentials accepted, account active, and the configured number found on it. */
  ok: boolean;
  /** Whether the tenant saved a Twilio account at all. */
  configured: boolean;
  account_sid: string | null;
  account_name: string | null;
  /** Twilio's account status: active, suspended or closed. */
  account_status: string | null;
  phone_number: string | null;
  phone_number_found: boolean;
  /** What failed, in Twilio's words where Twilio answered. */
  error: { code: number | null; message: string } | null;
}

export interface ConnectionTestResultDto {
  twilio?: TwilioConnectionResult;
  /** Checked by voice-ai; the gateway puts both halves in one answer. */
  openai?: OpenAIConnectionResult;
}
