import type { CurrentItemDetails, PlaybackSession, StreamPreferences, TrackSnapshot } from '../../entities/playback-session.entity.js';
import type { TranscodeType } from '../plex/plex.types.js';

/** How the current item is streamed: the file as it is, or an HLS transcode with its limits. */
export type StreamPlan =
  | { protocol: 'file' }
  | {
      protocol: 'hls';
      transcodeType: TranscodeType;
      videoBitrate?: number;
      videoResolution?: string;
      /** The selected subtitle track, burned into the video (image or embedded subtitles). */
      burnSubtitleId?: number;
      /** The video is copied, the audio converted (a codec the player cannot decode). */
      convertAudioOnly?: boolean;
    };

export type SubtitleMode = 'sidecar' | 'burned' | 'none';

/** Subtitles a player can load as a file of its own: text ones Plex serves as sidecars (converted to WebVTT). */
const TEXT_SUBTITLE_CODECS = new Set(['srt', 'subrip', 'ass', 'ssa', 'vtt', 'webvtt', 'mov_text', 'tx3g', 'smi', 'text']);

export function isSidecarText(track: TrackSnapshot): boolean {
  return track.external && TEXT_SUBTITLE_CODECS.has((track.codec ?? '').toLowerCase());
}

/** How the selected subtitle track reaches the screen: a sidecar file, burned into the video, or not at all. */
export function subtitleModeOf(details: CurrentItemDetails | undefined): SubtitleMode {
  const selected = details?.subtitleTracks.find((track) => track.selected);
  if (!selected) return 'none';
  return isSidecarText(selected) ? 'sidecar' : 'burned';
}

/**
 * Direct play unless the client asked otherwise: `directPlay: false`, a bitrate or resolution limit (video only), a
 * list of containers it can play that leaves out the item's; or unless the item needs it: subtitles that cannot be a
 * sidecar file are burned in, and audio in a codec left out of the player's `audioCodecs` is converted alone.
 */
export function streamPlan(
  queueType: PlaybackSession['queueType'],
  preferences: StreamPreferences | null,
  container?: string,
  details?: CurrentItemDetails,
): StreamPlan {
  const prefs = preferences ?? {};
  const video = queueType === 'video';
  const containerRefused = prefs.containers !== undefined && (container === undefined || !prefs.containers.includes(container.toLowerCase()));
  const limited = video && (prefs.maxVideoBitrate !== undefined || prefs.videoResolution !== undefined);
  const burn = video && subtitleModeOf(details) === 'burned' ? details?.subtitleTracks.find((track) => track.selected)?.id : undefined;
  const audio = details?.audioTracks.find((track) => track.selected);
  const audioRefused = prefs.audioCodecs !== undefined && audio?.codec !== undefined && !prefs.audioCodecs.includes(audio.codec.toLowerCase());
  if (prefs.directPlay !== false && !containerRefused && !limited && burn === undefined && !audioRefused) return { protocol: 'file' };
  const plan: HlsPlan = {
    protocol: 'hls',
    transcodeType: video ? 'video' : 'music',
    videoBitrate: video ? prefs.maxVideoBitrate : undefined,
    videoResolution: video ? prefs.videoResolution : undefined,
  };
  if (burn !== undefined) plan.burnSubtitleId = burn;
  if (audioRefused && video && !limited && burn === undefined) plan.convertAudioOnly = true;
  return plan;
}

type HlsPlan = Extract<StreamPlan, { protocol: 'hls' }>;

/** The resource a master playlist URL grants: starting this transcode (its options are part of what is signed). */
export function hlsStartResource(plan: HlsPlan): string {
  const query = new URLSearchParams({ type: plan.transcodeType });
  if (plan.videoBitrate !== undefined) query.set('videoBitrate', String(plan.videoBitrate));
  if (plan.videoResolution !== undefined) query.set('videoResolution', plan.videoResolution);
  if (plan.burnSubtitleId !== undefined) query.set('burn', String(plan.burnSubtitleId));
  if (plan.convertAudioOnly) query.set('audioOnly', '1');
  return `hls:start?${query.toString()}`;
}

/** The plan a master playlist URL was signed for; undefined when the resource is not one. */
export function parseHlsStart(resource: string): HlsPlan | undefined {
  if (!resource.startsWith('hls:start?')) return undefined;
  const query = new URLSearchParams(resource.slice('hls:start?'.length));
  const type = query.get('type');
  if (type !== 'video' && type !== 'music') return undefined;
  const bitrate = query.get('videoBitrate');
  const burn = query.get('burn');
  const plan: HlsPlan = {
    protocol: 'hls',
    transcodeType: type,
    videoBitrate: bitrate === null ? undefined : Number(bitrate),
    videoResolution: query.get('videoResolution') ?? undefined,
  };
  if (burn !== null) plan.burnSubtitleId = Number(burn);
  if (query.get('audioOnly') === '1') plan.convertAudioOnly = true;
  return plan;
}

/** The resource a subtitle URL grants: one sidecar subtitle of the item, as WebVTT. */
export const subtitleResource = (trackId: number, extension: string): string => `sub:${trackId}.${extension}`;

export function parseSubtitleResource(resource: string): { trackId: number; extension: string } | undefined {
  const match = /^sub:(\d{1,15})\.([a-z0-9]{1,8})$/.exec(resource);
  return match ? { trackId: Number(match[1]), extension: match[2] } : undefined;
}

export const partResource = (partKey: string): string => `part:${partKey}`;
export const transcodeResource = (serverPath: string): string => `hls:${serverPath}`;
