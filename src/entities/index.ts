import { ProxySetting } from './proxy-setting.entity.js';

export { ProxySetting };

export const ENTITIES = [ProxySetting];
