import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The channels a tenant serves customers on: its Twilio number, the chat widget, WhatsApp and email. */
@Entity({ name: 'channel_settings' })
export class ChannelSettingsEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  /** E.164: the number customers call. */
  @Column({ type: 'text', nullable: true })
  phoneNumber: string | null;

  /** Twilio's IncomingPhoneNumber sid (PN…), once the number was found on the tenant's account. */
  @Column({ type: 'text', nullable: true })
  phoneNumberSid: string | null;

  /** The Voice URL and status callback set on the number (null until Parley configured them on Twilio). */
  @Column({ type: 'text', nullable: true })
  voiceUrl: string | null;

  @Column({ type: 'text', nullable: true })
  statusCallbackUrl: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  phoneConfiguredAt: Date | null;

  @Column({ type: 'boolean', default: false })
  chatWidgetEnabled: boolean;

  @Column({ type: 'text', nullable: true })
  chatWidgetGreeting: string | null;

  @Column({ type: 'text', nullable: true })
  chatWidgetColor: string | null;

  @Column({ type: 'boolean', default: false })
  whatsappEnabled: boolean;

  @Column({ type: 'text', nullable: true })
  whatsappNumber: string | null;

  @Column({ type: 'boolean', default: false })
  emailEnabled: boolean;

  @Column({ type: 'text', nullable: true })
  emailAddress: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
