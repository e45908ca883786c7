import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

export type PairingStatus = 'pending' | 'approved' | 'denied' | 'consumed';

/**
 * A TV asking to be paired (RFC 8628's device authorization): kept until it expires, so a pending pairing survives a
 * restart. Neither code is stored: only their SHA-256 hashes, so the table cannot be used to take a pairing over.
 */
@Entity({ name: 'pairing_requests' })
@Index('uq_pairing_requests_device_code_hash', ['deviceCodeHash'], { unique: true })
@Index('uq_pairing_requests_user_code_hash', ['userCodeHash'], { unique: true })
export class PairingRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Hex SHA-256 of the device code (the TV's secret for polling). */
  @Column({ name: 'device_code_hash', type: 'varchar', length: 64 })
  deviceCodeHash: string;

  /** Hex SHA-256 of the normalised user code (what the person types). */
  @Column({ name: 'user_code_hash', type: 'varchar', length: 64 })
  userCodeHash: string;

  @Column({ name: 'device_id', type: 'varchar', length: 128 })
  deviceId: string;

  @Column({ name: 'device_name', type: 'varchar', length: 128, nullable: true })
  deviceName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  platform: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: PairingStatus;

  /** The profile it was approved for. */
  @Column({ name: 'profile_id', type: 'varchar', length: 64, nullable: true })
  profileId: string | null;

  /** Seconds the TV must wait between polls (raised by 5 on every `slow_down`). */
  @Column({ name: 'interval_s', type: 'integer' })
  intervalS: number;

  @Column({ name: 'last_polled_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastPolledAt: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt: number;
}
