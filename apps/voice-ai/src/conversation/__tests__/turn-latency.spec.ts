import { turnLatency } from '../turn-latency';

describe('turnLatency', () => {
  it('attributes what the model and knowledge did not take to our processing', () => {
    expect(turnLatency(120.456, { model_ms: 80, knowledge_ms: 30.2 })).toEqual({
      total_ms: 120.46, processing_ms: 10.26, model_ms: 80, knowledge_ms: 30.2, services_ms: 0,
    });
  });

  it('keeps the wait for other services (a callback booked in leads) out of our processing', () => {
    expect(turnLatency(50, { model_ms: 0, knowledge_ms: 10 }, 35.5)).toEqual({
      total_ms: 50, processing_ms: 4.5, model_ms: 0, knowledge_ms: 10, services_ms: 35.5,
    });
  });

  it('never reports negative processing when the engine over-reports', () => {
    expect(turnLatency(5, { model_ms: 4, knowledge_ms: 3 }).processing_ms).toBe(0);
  });
});
