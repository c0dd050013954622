import { createPrivateKey, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from '../openai/self-signed-certificate';

describe('selfSignedCertificate', () => {
  it('is valid DER every time, whatever the random serial (a leading 0x00 byte once made it "illegal padding")', () => {
    for (let i = 0; i < 500; i += 1) {
      const { cert, key } = selfSignedCertificate();
      const x509 = new X509Certificate(cert);
      expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
      expect(x509.checkHost('localhost')).toBe('localhost');
      expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    }
  });
});
