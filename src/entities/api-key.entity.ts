import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

/** A profile's API key; only its SHA-256 hash is kept (the key itself is shown once, at creation). */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_key_hash', ['keyHash'], { unique: true })
@Index('idx_api_keys_profile', ['profileId'])
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'profile_id', type: 'varchar', length: 64 })
  profileId: string;

  /** Hex SHA-256 of the key. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The key's first characters, to tell keys apart in listings. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** The device the key was made for by pairing (a key issued by the admin belongs to no device). */
  @Column({ name: 'device_id', type: 'varchar', length: 128, nullable: true })
  deviceId: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt: number | null;
}
