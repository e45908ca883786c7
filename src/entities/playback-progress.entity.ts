import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-transformers.js';

/** Where a profile is in an item on a server, with the play queue it was last played from. */
@Entity({ name: 'playback_progress' })
export class PlaybackProgress {
  @PrimaryColumn({ name: 'profile_id', type: 'varchar', length: 64 })
  profileId: string;

  @PrimaryColumn({ name: 'server_id', type: 'varchar', length: 64 })
  serverId: string;

  @PrimaryColumn({ name: 'rating_key', type: 'varchar', length: 64 })
  ratingKey: string;

  @Column({ name: 'position_ms', type: 'integer' })
  positionMs: number;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'boolean' })
  watched: boolean;

  @Column({ name: 'play_queue_id', type: 'integer', nullable: true })
  playQueueId: number | null;

  @Column({ name: 'play_queue_version', type: 'integer', nullable: true })
  playQueueVersion: number | null;

  @Column({ name: 'play_queue_item_id', type: 'integer', nullable: true })
  playQueueItemId: number | null;

  /** The play queue source (`server://…` URI or `playlist:{id}`) the item was played from. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  source: string | null;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}
