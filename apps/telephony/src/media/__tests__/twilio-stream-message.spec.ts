import { clearMessage, markMessage, mediaMessage, parseTwilioStreamMessage, TwilioStreamMessageError } from '../twilio-stream-message';

const STREAM = 'MZ18ad3ab5a668481ce02b83e7395059f0';
const CALL = 'CA' + 'a'.repeat(32);

describe('Twilio Media Streams messages', () => {
  it('reads connected, start (with its media format and custom parameters), media, mark, dtmf and stop as Twilio sends them', () => {
    expect(parseTwilioStreamMessage('{"event":"connected","protocol":"Call","version":"1.0.0"}')).toEqual({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    const start = parseTwilioStreamMessage(JSON.stringify({
      event: 'start', sequenceNumber: '1', streamSid: STREAM,
      start: {
        accountSid: 'AC' + 'b'.repeat(32), streamSid: STREAM, callSid: CALL, tracks: ['inbound'],
        customParameters: { call_id: 'c-1', ignored: 7 }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    }));
    expect(start).toEqual({
      event: 'start', sequence: 1,
      start: {
        accountSid: 'AC' + 'b'.repeat(32), streamSid: STREAM, callSid: CALL, tracks: ['inbound'], customParameters: { call_id: 'c-1' },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
    const payload = Buffer.alloc(160, 0x7f).toString('base64');
    expect(parseTwilioStreamMessage(JSON.stringify({
      event: 'media', sequenceNumber: '3', media: { track: 'inbound', chunk: '2', timestamp: '20', payload }, streamSid: STREAM,
    }))).toEqual({ event: 'media', sequence: 3, streamSid: STREAM, track: 'inbound', chunk: 2, timestamp: 20, payload });
    expect(parseTwilioStreamMessage(`{"event":"mark","sequenceNumber":"4","streamSid":"${STREAM}","mark":{"name":"greeting"}}`))
      .toEqual({ event: 'mark', sequence: 4, streamSid: STREAM, name: 'greeting' });
    expect(parseTwilioStreamMessage(`{"event":"dtmf","sequenceNumber":"5","streamSid":"${STREAM}","dtmf":{"track":"inbound_track","digit":"7"}}`))
      .toEqual({ event: 'dtmf', sequence: 5, streamSid: STREAM, digit: '7' });
    expect(parseTwilioStreamMessage(`{"event":"stop","sequenceNumber":"6","streamSid":"${STREAM}","stop":{"accountSid":"AC1","callSid":"${CALL}"}}`))
      .toEqual({ event: 'stop', sequence: 6, streamSid: STREAM, callSid: CALL });
  });

  it('ignores events it does not know and refuses what is not a Media Streams message', () => {
    expect(parseTwilioStreamMessage('{"event":"transcription","streamSid":"x"}')).toEqual({ event: 'unknown', name: 'transcription' });
    for (const text of ['not json', '[1,2]', '"media"', '{"no":"event"}', '{"event":"media","media":{}}', '{"event":"start"}']) {
      expect(() => parseTwilioStreamMessage(text)).toThrow(TwilioStreamMessageError);
    }
    // A malformed number is kept as -1 rather than guessed.
    const odd = parseTwilioStreamMessage('{"event":"media","sequenceNumber":"x","media":{"payload":"AA==","chunk":"1.5"}}');
    expect(odd).toMatchObject({ sequence: -1, chunk: -1, timestamp: -1 });
  });

  it('writes media, mark and clear the way Twilio reads them', () => {
    expect(JSON.parse(mediaMessage(STREAM, 'f39/fw=='))).toEqual({ event: 'media', streamSid: STREAM, media: { payload: 'f39/fw==' } });
    expect(JSON.parse(markMessage(STREAM, 'say "hi"'))).toEqual({ event: 'mark', streamSid: STREAM, mark: { name: 'say "hi"' } });
    expect(JSON.parse(clearMessage(STREAM))).toEqual({ event: 'clear', streamSid: STREAM });
  });
});
