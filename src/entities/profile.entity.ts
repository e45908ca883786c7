import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

/** One person of a household: plays from one server, as their own Plex user when they have a token. */
@Entity({ name: 'profiles' })
export class Profile {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'server_id', type: 'varchar', length: 64 })
  serverId: string;

  /** The profile's own Plex token, encrypted; null: the server's token is used. */
  @Column({ name: 'plex_token_encrypted', type: 'varchar', length: 1024, nullable: true })
  plexTokenEncrypted: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;
}
