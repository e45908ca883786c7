import { ProxySettings1763773200000 } from './1763773200000-ProxySettings.js';
import { PlaybackSessionsAndProgress1763776800000 } from './1763776800000-PlaybackSessionsAndProgress.js';
import { SessionTimelineState1763780400000 } from './1763780400000-SessionTimelineState.js';
import { Households1763784000000 } from './1763784000000-Households.js';
import { SessionStreamPreferences1763787600000 } from './1763787600000-SessionStreamPreferences.js';
import { WiderRatingKeys1763791200000 } from './1763791200000-WiderRatingKeys.js';
import { DevicePairing1763794800000 } from './1763794800000-DevicePairing.js';
import { SessionItemDetails1763798400000 } from './1763798400000-SessionItemDetails.js';

/** Every migration, oldest first; listed explicitly so the app and the CLI load the same set. */
export const MIGRATIONS = [
  ProxySettings1763773200000,
  PlaybackSessionsAndProgress1763776800000,
  SessionTimelineState1763780400000,
  Households1763784000000,
  SessionStreamPreferences1763787600000,
  WiderRatingKeys1763791200000,
  DevicePairing1763794800000,
  SessionItemDetails1763798400000,
];
