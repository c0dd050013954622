import { isolation, startFakeTwilio } from '@parley/testing';
import { Api, expectErrorBody, TEST_PASSWORD, uniqueEmail } from './support/api';
import { startCompliance, startGatewayReplica, startIdentity, startKnowledge, startLeads, startTelephony, startVoiceAi } from './support/platform';

describe('a service that is down', () => {
  it('answers 503 SERVICE_UNAVAILABLE and /ready says which service', async () => {
    // A platform of its own: stopping identity must not disturb the shared one.
    const iso = isolation();
    const [identity, leads, knowledge, compliance, voiceAi] = await Promise.all([
      startIdentity(iso), startLeads(iso), startKnowledge(iso), startCompliance(iso), startVoiceAi(iso),
    ]);
    const gateway = await startGatewayReplica(iso, { REQUEST_TIMEOUT_MS: '1500', READY_TIMEOUT_MS: '500' });
    const twilio = await startFakeTwilio();
    const telephony = await startTelephony(iso, twilio, gateway.baseUrl);
    const api = new Api(gateway.baseUrl);
    try {
      const email = uniqueEmail('down');
      const reg = await api.post('/api/v1/auth/register', { email, password: TEST_PASSWORD, company_name: 'Down Co' });
      expect(reg.status).toBe(201);
      expect((await api.get('/ready')).status).toBe(200);

      await identity.close();

      const me = await api.get('/api/v1/auth/me', { token: reg.body.access_token });
      expectErrorBody(me, 503, 'SERVICE_UNAVAILABLE');
      expect(me.body.error.details).toMatchObject({ service: 'identity' });
      const ready = await api.get('/ready');
      expectErrorBody(ready, 503, 'SERVICE_UNAVAILABLE');
      expect(ready.body.error.details).toMatchObject({ services: { identity: 'down' } });
      // The replica itself stays in rotation: its orchestrator probe checks only NATS.
      expect((await api.get('/ready?scope=self')).status).toBe(200);

      // It comes back: the same data answers again.
      const again = await startIdentity(iso);
      try {
        const login = await api.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
        expect(login.status).toBe(200);
      } finally {
        await again.close();
      }
    } finally {
      await gateway.close();
      await telephony.close();
      await twilio.close();
      await leads.close();
      await knowledge.close();
      await compliance.close();
      await voiceAi.close();
      await iso.cleanup();
    }
  });
});
