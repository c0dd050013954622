import twilio from 'twilio';
import { callEnding, parseTwiml, redirectOf, TwimlParseError } from '../twilio/twiml-document';

describe('reading TwiML', () => {
  it('reads what the SDK writes: verbs, attributes, text with entities, nested nouns', () => {
    const response = new twilio.twiml.VoiceResponse();
    response.say({ voice: 'alice' }, 'Fish & chips <today>');
    response.connect().stream({ url: 'wss://example.com/media?tenant=a&b=1' });
    const document = parseTwiml(response.toString());

    expect(document.name).toBe('Response');
    expect(document.children.map((c) => c.name)).toEqual(['Say', 'Connect']);
    expect(document.children[0]).toMatchObject({ attributes: { voice: 'alice' }, text: 'Fish & chips <today>' });
    expect(document.children[1].children[0]).toMatchObject({ name: 'Stream', attributes: { url: 'wss://example.com/media?tenant=a&b=1' } });
  });

  it('accepts comments, CDATA and single-quoted attributes', () => {
    const document = parseTwiml("<!-- hi --><Response><Say language='en-GB'><![CDATA[a < b]]></Say></Response>");
    expect(document.children[0]).toMatchObject({ attributes: { language: 'en-GB' }, text: 'a < b' });
  });

  it.each([
    ['not xml'],
    ['<Response><Say>unclosed</Response>'],
    ['<Foo></Foo>'],
    ['<Response></Response><Response></Response>'],
    ['<Response><Say>&nope;</Say></Response>'],
  ])('rejects %j as Twilio error 12100', (xml) => {
    expect(() => parseTwiml(xml)).toThrow(TwimlParseError);
  });

  it('finds the verb that ends the call and the redirect to follow', () => {
    expect(callEnding(parseTwiml('<Response><Say>bye</Say><Hangup/></Response>'))).toEqual({ verb: 'Hangup' });
    expect(callEnding(parseTwiml('<Response><Reject reason="busy"/></Response>'))).toEqual({ verb: 'Reject', reason: 'busy' });
    expect(callEnding(parseTwiml('<Response><Reject/></Response>'))).toEqual({ verb: 'Reject', reason: 'rejected' });
    expect(callEnding(parseTwiml('<Response><Redirect>/x</Redirect><Hangup/></Response>'))).toBeUndefined();
    expect(redirectOf(parseTwiml('<Response><Redirect method="get"> /next?a=1 </Redirect></Response>'), 'https://our.example/voice?t=1')).toEqual({
      url: 'https://our.example/next?a=1',
      method: 'GET',
    });
    expect(redirectOf(parseTwiml('<Response><Hangup/><Redirect>/x</Redirect></Response>'), undefined)).toBeUndefined();
  });
});
