import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's Twilio account. The auth token is only ever stored sealed (SecretCipher). */
@Entity({ name: 'telephony_settings' })
export class TelephonySettingsEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  @Column('text')
  accountSid: string;

  @Column('bytea')
  authTokenEncrypted: Buffer;

  /** E.164: the caller id of outbound calls, and the number inbound calls arrive on. */
  @Column('text')
  phoneNumber: string;

  /** Overrides the service's PUBLIC_BASE_URL for this tenant's webhooks. */
  @Column({ type: 'text', nullable: true })
  publicBaseUrl: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
