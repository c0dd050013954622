import { parseTwiml, type TwimlNode } from '@parley/testing';
import { farewellTwiml, holdInQueueTwiml, holdMusicTwiml, warmTransferTwiml } from '../escalation-twiml';

const verbs = (xml: string) => parseTwiml(xml).children.map((c) => c.name);
const child = (node: TwimlNode, name: string) => node.children.find((c) => c.name === name) as TwimlNode;

describe('escalation TwiML', () => {
  const agentId = '6f1c2a9e-4b7d-4e55-9a61-0c3b5d7e8f90';

  it('warm transfer: tells the caller, then rings the agent\'s softphone with the call\'s context and reports back', () => {
    const xml = warmTransferTwiml({
      agentId, callId: 'c-1', escalationId: 'e-1', reason: 'asked for a person', summary: 'x'.repeat(400),
      actionUrl: 'https://parley.test/api/v1/telephony/twilio/dial?tenant=t&call_id=c-1&escalation_id=e-1', timeoutSeconds: 20,
    });
    const doc = parseTwiml(xml);
    expect(verbs(xml)).toEqual(['Say', 'Dial']);
    const dial = child(doc, 'Dial');
    expect(dial.attributes).toEqual({
      action: 'https://parley.test/api/v1/telephony/twilio/dial?tenant=t&call_id=c-1&escalation_id=e-1', method: 'POST', timeout: '20',
    });
    const client = child(dial, 'Client');
    expect(child(client, 'Identity').text).toBe('agent_6f1c2a9e_4b7d_4e55_9a61_0c3b5d7e8f90');
    const parameters = Object.fromEntries(client.children.filter((c) => c.name === 'Parameter').map((p) => [p.attributes.name, p.attributes.value]));
    expect(parameters).toMatchObject({ call_id: 'c-1', escalation_id: 'e-1', reason: 'asked for a person' });
    // Long texts are cut to what Twilio carries to the softphone.
    expect(parameters.summary.length).toBe(250);
  });

  it('leaves out a reason and summary that were not given', () => {
    const xml = warmTransferTwiml({ agentId, callId: 'c', escalationId: 'e', reason: null, summary: null, actionUrl: 'https://x.test/dial', timeoutSeconds: 15 });
    const client = child(child(parseTwiml(xml), 'Dial'), 'Client');
    expect(client.children.filter((c) => c.name === 'Parameter').map((p) => p.attributes.name)).toEqual(['call_id', 'escalation_id']);
  });

  it('hold: announces, then enqueues into the tenant queue with our wait and action webhooks', () => {
    const xml = holdInQueueTwiml({ queueName: 'parley-t', waitUrl: 'https://x.test/wait?a=1&b=2', actionUrl: 'https://x.test/queue', announcement: 'Please hold.' });
    const doc = parseTwiml(xml);
    expect(verbs(xml)).toEqual(['Say', 'Enqueue']);
    expect(child(doc, 'Say').text).toBe('Please hold.');
    const enqueue = child(doc, 'Enqueue');
    expect(enqueue.text).toBe('parley-t');
    expect(enqueue.attributes).toEqual({ waitUrl: 'https://x.test/wait?a=1&b=2', waitUrlMethod: 'POST', action: 'https://x.test/queue', method: 'POST' });
  });

  it('hold music: the place in line, then the music (or a pause without music)', () => {
    const withMusic = parseTwiml(holdMusicTwiml(3, 'https://music.test/hold.mp3'));
    expect(withMusic.children.map((c) => c.name)).toEqual(['Say', 'Play']);
    expect(child(withMusic, 'Say').text).toMatch(/^You are number 3 in line\./);
    expect(child(withMusic, 'Play').text).toBe('https://music.test/hold.mp3');
    const silent = parseTwiml(holdMusicTwiml(null, ''));
    expect(silent.children.map((c) => c.name)).toEqual(['Say', 'Pause']);
    expect(child(silent, 'Say').text).not.toMatch(/number/);
  });

  it('farewell says goodbye and hangs up', () => {
    expect(verbs(farewellTwiml())).toEqual(['Say', 'Hangup']);
  });
});
