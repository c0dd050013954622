import { turnLatency } from '../turn-latency';

describe('turnLatency', () => {
  it('attributes what the model and knowledge did not take to our processing', () => {
    expect(turnLatency(120.456, { model_ms: 80, knowledge_ms: 30.2 })).toEqual({
      total_ms: 120.46, processing_ms: 10.26, model_ms: 80, knowledge_ms: 30.2,
    });
  });

  it('never reports negative processing when the engine over-reports', () => {
    expect(turnLatency(5, { model_ms: 4, knowledge_ms: 3 }).processing_ms).toBe(0);
  });
});
