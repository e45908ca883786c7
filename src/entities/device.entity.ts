import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

/** A TV or app a profile plays on, as named by its `X-Device-*` headers. */
@Entity({ name: 'devices' })
export class Device {
  @PrimaryColumn({ name: 'profile_id', type: 'varchar', length: 64 })
  profileId: string;

  @PrimaryColumn({ name: 'device_id', type: 'varchar', length: 128 })
  deviceId: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  platform: string | null;

  @Column({ name: 'last_seen_at', type: 'bigint', transformer: epochMs })
  lastSeenAt: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;
}
