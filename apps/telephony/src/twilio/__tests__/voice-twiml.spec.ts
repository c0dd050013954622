import { JSDOM } from 'jsdom';
import { emptyTwiml, humanQueueName, humanQueueTwiml, outboundAnswerTwiml } from '../voice-twiml';

const tenant = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';

function parse(xml: string): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'text/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(doc.documentElement.tagName).toBe('Response');
  return doc;
}

const verbs = (doc: Document) => Array.from(doc.documentElement.children).map((el) => el.tagName);

describe('voice TwiML', () => {
  it('greets the callee of an outbound call, then pauses', () => {
    const doc = parse(outboundAnswerTwiml());
    expect(verbs(doc)).toEqual(['Say', 'Pause']);
    expect(doc.querySelector('Say')?.textContent).toMatch(/Hello/);
    expect(doc.querySelector('Pause')?.getAttribute('length')).toBe('1');
  });

  it('connects the callee of an outbound call to its Media Stream, the ids as <Parameter>s (Twilio drops the URL\'s query)', () => {
    const url = `wss://calls.example.com/api/v1/telephony/twilio/media/${tenant}/c-1`;
    const doc = parse(outboundAnswerTwiml({ url, parameters: { tenant_id: tenant, call_id: 'c-1' } }));
    expect(verbs(doc)).toEqual(['Connect']);
    const stream = doc.querySelector('Connect > Stream');
    expect(stream?.getAttribute('url')).toBe(url);
    expect(Array.from(stream?.querySelectorAll('Parameter') ?? []).map((p) => [p.getAttribute('name'), p.getAttribute('value')]))
      .toEqual([['tenant_id', tenant], ['call_id', 'c-1']]);
  });

  it("puts an inbound caller in the tenant's human queue", () => {
    const doc = parse(humanQueueTwiml(tenant));
    expect(verbs(doc)).toEqual(['Say', 'Enqueue']);
    expect(doc.querySelector('Enqueue')?.textContent).toBe(`parley-${tenant}`);
    expect(humanQueueName(tenant).length).toBeLessThanOrEqual(64);
  });

  it('answers an empty response', () => {
    expect(verbs(parse(emptyTwiml()))).toEqual([]);
  });
});
