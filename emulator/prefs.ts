import type { LibraryItem } from './library-types.js';

/** One server preference, shaped like the spec's Setting schema. */
export interface Setting {
  id: string;
  label: string;
  summary: string;
  type: 'bool' | 'int' | 'text' | 'double';
  default: string | number | boolean;
  value: string | number | boolean;
  hidden: boolean;
  advanced: boolean;
  group: string;
  enumValues?: string;
}

function defaultSettings(playedThresholdPercent: number): Setting[] {
  return [
    {
      id: 'FriendlyName',
      label: 'Friendly name',
      summary: 'The name shown to clients.',
      type: 'text',
      default: '',
      value: 'Plex Emulator',
      hidden: false,
      advanced: false,
      group: 'general',
    },
    {
      id: 'LibraryVideoPlayedThreshold',
      label: 'Video played threshold',
      summary: 'Percentage of a video that must be watched for it to count as played.',
      type: 'int',
      default: 90,
      value: playedThresholdPercent,
      hidden: false,
      advanced: true,
      group: 'library',
      enumValues: '50:50%|60:60%|70:70%|80:80%|90:90%|95:95%|99:99%',
    },
    {
      id: 'LibraryVideoPlayedAtBehaviour',
      label: 'Video played completion behaviour',
      summary: 'When a video counts as played.',
      type: 'int',
      default: 3,
      value: 3,
      hidden: false,
      advanced: true,
      group: 'library',
      enumValues:
        '0:at selected threshold percentage|1:at final credits marker position|2:at first credits marker position|3:earliest between threshold percent and first credits marker',
    },
  ];
}

/** Server preferences (GET /:/prefs). */
export class ServerPrefs {
  private readonly settings: Setting[];

  constructor(playedThresholdPercent: number) {
    this.settings = defaultSettings(playedThresholdPercent);
  }

  list(): Setting[] {
    return this.settings.map((setting) => ({ ...setting }));
  }

  set(id: string, value: string | number): void {
    const setting = this.settings.find((candidate) => candidate.id === id);
    if (!setting) throw new Error(`unknown preference ${id}`);
    setting.value = setting.type === 'int' ? Number(value) : value;
  }

  /**
   * Where an item of `durationMs` counts as played, after LibraryVideoPlayedAtBehaviour: 0 at the threshold, 1 at the
   * final credits marker, 2 at the first credits marker, 3 (the default) at the earlier of the threshold and the first
   * credits marker. Without a credits marker, the threshold.
   */
  playedAtMs(item: LibraryItem, durationMs: number): number {
    const threshold = (durationMs * this.playedThresholdPercent()) / 100;
    const credits = (item.Marker ?? []).filter((marker) => marker.type === 'credits').map((marker) => marker.startTimeOffset);
    if (credits.length === 0) return threshold;
    const behaviour = Number(this.settings.find((setting) => setting.id === 'LibraryVideoPlayedAtBehaviour')?.value);
    if (behaviour === 1) return Math.max(...credits);
    if (behaviour === 2) return Math.min(...credits);
    if (behaviour === 0) return threshold;
    return Math.min(threshold, ...credits);
  }

  /** LibraryVideoPlayedThreshold, in percent. */
  playedThresholdPercent(): number {
    const value = Number(this.settings.find((setting) => setting.id === 'LibraryVideoPlayedThreshold')?.value);
    return Number.isFinite(value) ? value : 90;
  }
}
