import { Injectable } from '@nestjs/common';
import type { CurrentItemDetails, PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppConfig } from '../config/app-config.js';
import { SecretBox } from '../households/secret-box.service.js';
import { currentDetailsOf } from '../sessions/current-item-details.js';
import type { StreamDto, SubtitleFileDto } from '../sessions/dto/session.dto.js';
import { currentItemOf } from '../sessions/session-view.js';
import { hlsStartResource, isSidecarText, partResource, streamPlan, subtitleModeOf, subtitleResource, transcodeResource } from './stream-plan.js';
import { StreamSigner, type StreamGrant, type VerifyResult } from './stream-signer.js';

/** Where stream URLs live on the proxy: `/api/v1/streams/{token}/{name}` (the name only helps players sniff the type). */
export const STREAMS_PATH = '/api/v1/streams';

/**
 * Issues the signed URLs players open: one for the current item of a session (the file, or the master playlist of a
 * transcode), and one for each playlist or segment of a transcode. The signing key is derived from the proxy's
 * secret key under its own label.
 */
@Injectable()
export class StreamLinks {
  private readonly signer: StreamSigner;
  private readonly ttlMs: number;
  /** The URL last issued per session (weakly held: it goes with the session object). */
  private readonly issued = new WeakMap<PlaybackSession, IssuedStream>();

  constructor(config: AppConfig, secrets: SecretBox) {
    this.signer = new StreamSigner(secrets.deriveKey('stream-url'));
    this.ttlMs = config.streams.urlTtlMs;
  }

  /**
   * The stream of the session's current item; undefined once ended, or when nothing streamable is known. The URL
   * last issued for the same item and plan is given again while it has more than half its lifetime left: a player
   * keeps one URL per item, and answers to progress calls need not sign a new one each time.
   */
  forSession(session: PlaybackSession, now: number): StreamDto | undefined {
    if (session.endedAt !== null || session.queueType === 'photo') return undefined;
    const part = currentItemOf(session)?.part;
    if (!part) return undefined;
    const details = currentDetailsOf(session);
    const plan = streamPlan(session.queueType, session.streamPreferences, part.container, details);
    const file = plan.protocol === 'file';
    const resource = file ? partResource(part.key) : hlsStartResource(plan);
    const issued = this.issued.get(session);
    if (
      issued &&
      issued.itemId === session.playQueueItemId &&
      issued.resource === resource &&
      issued.details === details &&
      issued.expiresAt - now > this.ttlMs / 2
    ) {
      return { ...issued.stream };
    }
    const expiresAt = now + this.ttlMs;
    const grant = { sessionId: session.id, itemId: session.playQueueItemId, expiresAt };
    const name = file ? `file.${extensionOf(part.key)}` : 'master.m3u8';
    const subtitles: SubtitleFileDto[] = (details?.subtitleTracks ?? []).filter(isSidecarText).map((track) => ({
      trackId: track.id,
      url: this.url({ ...grant, resource: subtitleResource(track.id, (track.codec ?? 'srt').toLowerCase()) }, 'subtitles.vtt'),
      language: track.language,
      languageCode: track.languageCode,
      forced: track.forced,
      selected: track.selected,
    }));
    const stream: StreamDto = {
      url: this.url({ ...grant, resource }, name),
      protocol: plan.protocol,
      expiresAt: new Date(expiresAt).toISOString(),
      directPlay: file,
      subtitleMode: session.queueType === 'video' ? subtitleModeOf(details) : 'none',
      subtitles,
    };
    if (plan.protocol === 'hls' && plan.convertAudioOnly) stream.audioConverted = true;
    this.issued.set(session, { itemId: session.playQueueItemId, resource, details, expiresAt, stream });
    return { ...stream };
  }

  /** Always a new URL (`GET /sessions/:id/stream`: the client asked for one). */
  freshForSession(session: PlaybackSession, now: number): StreamDto | undefined {
    this.issued.delete(session);
    return this.forSession(session, now);
  }

  /**
   * The URI, inside a playlist served from a stream URL, of one playlist or segment of a session's transcode
   * (`serverPath` was checked by the caller). Relative (`../{token}/{name}`: every stream URL is one level below the
   * streams path), so it resolves against whatever address the player used: PUBLIC_URL with its path, or the Host.
   */
  forTranscodeResource(sessionId: string, itemId: number, serverPath: string, now: number): string {
    const name = serverPath.split('?')[0]?.split('/').pop() || 'resource';
    return `../${this.signedPath({ sessionId, itemId, resource: transcodeResource(serverPath), expiresAt: now + this.ttlMs }, name)}`;
  }

  verify(token: string, now: number): VerifyResult {
    return this.signer.verify(token, now);
  }

  /** An absolute path on the proxy; answers make it a full URL (absoluteStreamUrls). */
  private url(grant: StreamGrant, name: string): string {
    return `${STREAMS_PATH}/${this.signedPath(grant, name)}`;
  }

  private signedPath(grant: StreamGrant, name: string): string {
    return `${this.signer.sign(grant)}/${encodeURIComponent(name)}`;
  }
}

interface IssuedStream {
  itemId: number;
  resource: string;
  /** The item details it was made from: a track change makes new subtitle URLs and a new mode. */
  details: CurrentItemDetails | undefined;
  expiresAt: number;
  stream: StreamDto;
}

function extensionOf(partKey: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(partKey);
  return match?.[1]?.toLowerCase() ?? 'bin';
}
