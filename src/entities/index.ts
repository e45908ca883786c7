import { PlaybackProgress } from './playback-progress.entity.js';
import { PlaybackSession } from './playback-session.entity.js';
import { ProxySetting } from './proxy-setting.entity.js';

export { PlaybackProgress, PlaybackSession, ProxySetting };

export const ENTITIES = [ProxySetting, PlaybackSession, PlaybackProgress];
