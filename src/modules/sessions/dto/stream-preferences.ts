import type { StreamPreferences } from '../../../entities/playback-session.entity.js';

/** Bounds of the stream preferences a client may give (on create, and on `GET /sessions/:id/stream`). */
export const STREAM_LIMITS = {
  minBitrate: 64,
  maxBitrate: 200_000,
  resolution: /^\d{2,5}x\d{2,5}$/,
  container: /^[a-z0-9]{1,16}$/,
  maxContainers: 16,
} as const;

export const STREAM_MESSAGES = {
  directPlay: 'directPlay must be true or false',
  maxVideoBitrate: `maxVideoBitrate must be an integer number of kbps from ${STREAM_LIMITS.minBitrate} to ${STREAM_LIMITS.maxBitrate}`,
  videoResolution: 'videoResolution must be WIDTHxHEIGHT, e.g. 1280x720',
  audioCodecs: `audioCodecs must be a list of at most ${STREAM_LIMITS.maxContainers} codec names (lower-case letters and digits, e.g. aac)`,
  containers: `containers must be a list of at most ${STREAM_LIMITS.maxContainers} container names (lower-case letters and digits, e.g. mp4)`,
} as const;

/** The preferences given in a request; null when none was. */
export function preferencesOf(input: StreamPreferences): StreamPreferences | null {
  const preferences: StreamPreferences = {};
  if (input.directPlay !== undefined) preferences.directPlay = input.directPlay;
  if (input.maxVideoBitrate !== undefined) preferences.maxVideoBitrate = input.maxVideoBitrate;
  if (input.videoResolution !== undefined) preferences.videoResolution = input.videoResolution;
  if (input.containers !== undefined) preferences.containers = [...input.containers];
  if (input.audioCodecs !== undefined) preferences.audioCodecs = [...input.audioCodecs];
  return Object.keys(preferences).length > 0 ? preferences : null;
}
