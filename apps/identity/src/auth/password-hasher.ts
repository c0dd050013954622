import argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~50 ms a hash on a server core. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Password hashing with argon2id. */
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash never matches
    }
  }

  /** Spends as long as a real check, so an unknown email answers as slowly as a wrong password. */
  async verifyNothing(password: string): Promise<void> {
    this.dummy ??= this.hash('parley-timing-equaliser');
    await this.verify(await this.dummy, password);
  }
}
