import type { DemoLibrary } from './demo-library.js';
import type { FaultState } from './faults.js';
import type { GeneratedFile } from './media-files.js';
import type { ParamRule } from './param-rules.js';
import type { PlayQueueStore } from './play-queues.js';
import type { PlaybackSessions } from './playback-sessions.js';
import type { ServerPrefs } from './prefs.js';
import type { StreamSelections } from './stream-selections.js';
import type { TranscodeStore } from './transcodes.js';
import type { EmulatorUser } from './users.js';
import type { WatchStateStore } from './watch-state.js';

/** Everything the handlers share: the server's state. */
export interface EmulatorState {
  machineIdentifier: string;
  version: string;
  library: DemoLibrary;
  watch: WatchStateStore;
  queues: PlayQueueStore;
  sessions: PlaybackSessions;
  prefs: ServerPrefs;
  faults: FaultState;
  transcodes: TranscodeStore;
  /** Audio and subtitle choices per user and show (`PUT /library/parts/{partId}`). */
  selections: StreamSelections;
}

export interface RequestContext {
  state: EmulatorState;
  user: EmulatorUser;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  /** A JSON body (objects) or a text body (strings); ignored when `bytes` is set. */
  body: unknown;
  /** Content type of a text or byte body (default: text/plain for strings, application/json for objects). */
  contentType?: string;
  /** More response headers (lower-case names). */
  headers?: Record<string, string>;
  /** Bytes [start, end) of a file, streamed in chunks with back-pressure. */
  bytes?: { file: GeneratedFile; start: number; end: number };
}

export type Access = 'public' | 'user' | 'admin';

export interface OperationDef {
  method: string;
  /** Query parameters the spec declares for this operation. */
  query: readonly ParamRule[];
  /**
   * Query parameters the spec does not declare that real clients send and the emulator accepts (the conformance test
   * lists each as a named exception, with the clients that use it).
   */
  exceptions?: readonly ParamRule[];
  /** Header parameters the spec marks required and that this emulator enforces (lower-case). */
  requiredHeaders?: readonly string[];
  access: Access;
  /** A GET that also answers HEAD (headers only). */
  head?: boolean;
  handle(context: RequestContext): Reply;
}

export interface RouteDef {
  /** Spec path template, e.g. `/playQueues/{playQueueId}/items/{playQueueItemId}/move`. */
  template: string;
  /** Path parameters that must be integers. */
  integerPathParams?: readonly string[];
  operations: readonly OperationDef[];
  /** Methods the spec declares for this path that the emulator does not implement (answered 501). */
  unimplemented?: readonly string[];
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const container = (fields: Record<string, unknown>): Reply => ok({ MediaContainer: fields });
