import type { PlaybackSession, StreamPreferences } from '../../entities/playback-session.entity.js';
import type { TranscodeType } from '../plex/plex.types.js';

/** How the current item is streamed: the file as it is, or an HLS transcode with its limits. */
export type StreamPlan =
  | { protocol: 'file' }
  | { protocol: 'hls'; transcodeType: TranscodeType; videoBitrate?: number; videoResolution?: string };

/**
 * Direct play unless the client asked otherwise: `directPlay: false`, a bitrate or resolution limit (video only), or
 * a list of containers it can play that leaves out the item's.
 */
export function streamPlan(queueType: PlaybackSession['queueType'], preferences: StreamPreferences | null, container?: string): StreamPlan {
  const prefs = preferences ?? {};
  const video = queueType === 'video';
  const containerRefused = prefs.containers !== undefined && (container === undefined || !prefs.containers.includes(container.toLowerCase()));
  const limited = video && (prefs.maxVideoBitrate !== undefined || prefs.videoResolution !== undefined);
  if (prefs.directPlay !== false && !containerRefused && !limited) return { protocol: 'file' };
  return {
    protocol: 'hls',
    transcodeType: video ? 'video' : 'music',
    videoBitrate: video ? prefs.maxVideoBitrate : undefined,
    videoResolution: video ? prefs.videoResolution : undefined,
  };
}

type HlsPlan = Extract<StreamPlan, { protocol: 'hls' }>;

/** The resource a master playlist URL grants: starting this transcode (its options are part of what is signed). */
export function hlsStartResource(plan: HlsPlan): string {
  const query = new URLSearchParams({ type: plan.transcodeType });
  if (plan.videoBitrate !== undefined) query.set('videoBitrate', String(plan.videoBitrate));
  if (plan.videoResolution !== undefined) query.set('videoResolution', plan.videoResolution);
  return `hls:start?${query.toString()}`;
}

/** The plan a master playlist URL was signed for; undefined when the resource is not one. */
export function parseHlsStart(resource: string): HlsPlan | undefined {
  if (!resource.startsWith('hls:start?')) return undefined;
  const query = new URLSearchParams(resource.slice('hls:start?'.length));
  const type = query.get('type');
  if (type !== 'video' && type !== 'music') return undefined;
  const bitrate = query.get('videoBitrate');
  return {
    protocol: 'hls',
    transcodeType: type,
    videoBitrate: bitrate === null ? undefined : Number(bitrate),
    videoResolution: query.get('videoResolution') ?? undefined,
  };
}

export const partResource = (partKey: string): string => `part:${partKey}`;
export const transcodeResource = (serverPath: string): string => `hls:${serverPath}`;
