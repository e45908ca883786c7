import { ApiKey } from './api-key.entity.js';
import { Device } from './device.entity.js';
import { PairingRequest } from './pairing-request.entity.js';
import { PlaybackProgress } from './playback-progress.entity.js';
import { PlaybackSession } from './playback-session.entity.js';
import { PlexServer } from './plex-server.entity.js';
import { Profile } from './profile.entity.js';
import { ProxySetting } from './proxy-setting.entity.js';

export { ApiKey, Device, PairingRequest, PlaybackProgress, PlaybackSession, PlexServer, Profile, ProxySetting };

export const ENTITIES = [ProxySetting, PlaybackSession, PlaybackProgress, PlexServer, Profile, ApiKey, Device, PairingRequest];
