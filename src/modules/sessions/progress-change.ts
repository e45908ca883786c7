/** A profile's saved progress in an item turned watched, or unwatched (played again from a watched state). */
export interface ProgressChange {
  profileId: string;
  ratingKey: string;
  watched: boolean;
  /** Where the profile is in the item now (0 when watched). */
  positionMs: number;
  /** The device whose playback made the change, when one did. */
  deviceId: string | null;
}
