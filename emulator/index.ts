import { PlexEmulator } from './plex-emulator.js';
import type { PlexEmulatorOptions } from './plex-emulator.js';

export { PlexEmulator, EMULATOR_VERSION } from './plex-emulator.js';
export type { EmulatorFaults, PlexEmulatorOptions, RecordedRequest } from './plex-emulator.js';
export { DEFAULT_MEDIA_BYTES, DemoLibrary } from './demo-library.js';
export { FAMILY_DEMO_MOVIE, FAMILY_DEMO_SHOW } from './generated-catalogue.js';
export type { StreamChoice } from './stream-selections.js';
export type { PartFiles, PartLocation } from './demo-library.js';
export type { GeneratedFile } from './media-files.js';
export type { TranscodeSession, TranscodeStopReason } from './transcodes.js';
export type { ItemSnapshot, ItemType, LibraryItem, Marker, MediaInfo, MediaPart, MediaStream, Playlist, WatchState } from './library-types.js';
export type { PlayQueueEntry, PlayQueueState, PlayQueueType } from './play-queues.js';
export type { LiveSession, PlaybackState } from './playback-sessions.js';
export type { RequestMatch, TimelineTermination } from './faults.js';

/** Starts an emulator listening on `options.port` (default: a random free port). */
export async function startPlexEmulator(options?: PlexEmulatorOptions): Promise<PlexEmulator> {
  const emulator = new PlexEmulator(options);
  await emulator.listen();
  return emulator;
}
