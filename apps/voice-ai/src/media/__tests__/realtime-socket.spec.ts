import { realtimeUrl } from '../realtime-socket';

describe('realtimeUrl', () => {
  it('is the base URL\'s /realtime with the model, over TLS for https', () => {
    expect(realtimeUrl('https://api.openai.com/v1', 'gpt-realtime')).toBe('wss://api.openai.com/v1/realtime?model=gpt-realtime');
    expect(realtimeUrl('https://example.test/openai/v1/', 'gpt-realtime-mini')).toBe('wss://example.test/openai/v1/realtime?model=gpt-realtime-mini');
  });

  it('stays plain for an http base URL (a local compatible server)', () => {
    expect(realtimeUrl('http://127.0.0.1:8080/v1', 'gpt-realtime')).toBe('ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime');
  });
});
