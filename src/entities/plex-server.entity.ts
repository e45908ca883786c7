import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

/** A Plex Media Server profiles play from; row `default` is the one configured by PLEX_URL/PLEX_TOKEN. */
@Entity({ name: 'plex_servers' })
export class PlexServer {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 512 })
  url: string;

  /** The server's admin token, encrypted (AES-256-GCM); null only until the default row is filled at boot. */
  @Column({ name: 'token_encrypted', type: 'varchar', length: 1024, nullable: true })
  tokenEncrypted: string | null;

  @Column({ name: 'machine_identifier', type: 'varchar', length: 128, nullable: true })
  machineIdentifier: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}
