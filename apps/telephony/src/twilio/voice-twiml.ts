import twilio from 'twilio';
import type { MediaStreamTwiml } from '../media/media-stream-urls';

const { VoiceResponse } = twilio.twiml;

/** Twilio queue names are at most 64 characters: "parley-" and a uuid fit. */
export function humanQueueName(tenantId: string): string {
  return `parley-${tenantId}`;
}

/**
 * What a callee hears when they answer a call we placed. With a Media Stream the call is connected
 * to it (<Connect><Stream>, bidirectional: a sink speaks and listens over it, and the TwiML after
 * <Connect> would wait until the socket closes); without one a short greeting, then the call ends.
 */
export function outboundAnswerTwiml(stream?: MediaStreamTwiml): string {
  const response = new VoiceResponse();
  if (stream) {
    const twimlStream = response.connect().stream({ url: stream.url });
    // Twilio drops a <Stream> URL's query string; <Parameter>s come back in the start message.
    for (const [name, value] of Object.entries(stream.parameters)) twimlStream.parameter({ name, value });
    return response.toString();
  }
  response.say('Hello, this is a call from our team. Thank you for answering.');
  response.pause({ length: 1 });
  return response.toString();
}

/** An inbound caller waits in the tenant's human queue (Twilio's hold music) until an agent dequeues them. */
export function humanQueueTwiml(tenantId: string): string {
  const response = new VoiceResponse();
  response.say('Thank you for calling. Please hold while we connect you with an agent.');
  response.enqueue(humanQueueName(tenantId));
  return response.toString();
}

/** Valid TwiML that asks Twilio for nothing more. */
export function emptyTwiml(): string {
  return new VoiceResponse().toString();
}
