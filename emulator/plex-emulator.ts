import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_MEDIA_BYTES, DemoLibrary, generatePartFiles } from './demo-library.js';
import { seededAdminWatch } from './generated-catalogue.js';
import { dispatch } from './dispatch.js';
import type { IncomingCall } from './dispatch.js';
import { FaultState } from './faults.js';
import type { RequestMatch, TimelineTermination } from './faults.js';
import type { ItemSnapshot } from './library-types.js';
import { MIN_MEDIA_BYTES } from './media-files.js';
import type { GeneratedFile } from './media-files.js';
import { snapshot } from './metadata-view.js';
import { PlayQueueStore } from './play-queues.js';
import type { PlayQueueState } from './play-queues.js';
import { PlaybackSessions } from './playback-sessions.js';
import type { LiveSession } from './playback-sessions.js';
import { ServerPrefs } from './prefs.js';
import { StreamSelections } from './stream-selections.js';
import type { StreamChoice } from './stream-selections.js';
import { TranscodeStore } from './transcodes.js';
import type { TranscodeSession } from './transcodes.js';
import type { EmulatorState, Reply } from './route-types.js';
import { ADMIN_USER_NAME, UserDirectory, randomToken } from './users.js';
import { WatchStateStore } from './watch-state.js';

export interface PlexEmulatorOptions {
  /** Default 0 (a random free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Admin token; default: a random 20-character string. */
  token?: string;
  /** Default: 40 random hex characters. */
  machineIdentifier?: string;
  /** LibraryVideoPlayedThreshold preference, default 90. */
  playedThresholdPercent?: number;
  /** Receives one line per request; nothing is logged without it. */
  log?: (line: string) => void;
  /** Keep every request in `requests` (default true; benchmarks turn it off to keep memory flat). */
  recordRequests?: boolean;
  /**
   * Size of the generated media files (default 4 MiB, at least 256 KiB; rounded down to whole TS packets / PCM
   * frames). Any size costs the same memory: a block is repeated.
   */
  mediaBytes?: number;
  /** Adds show 500 "The Long Run" with this many episodes (default 0: none), for long play queues. */
  longShowEpisodes?: number;
}

export interface RecordedRequest {
  method: string;
  /** Decoded pathname, no query. */
  path: string;
  /** Every query parameter (last value wins); the X-Plex-Token value is '[REDACTED]'. */
  query: Record<string, string>;
  /** Lower-case names; the x-plex-token value is '[REDACTED]'. */
  headers: Record<string, string>;
  /** What the emulator answered, 0 if the connection was dropped first. */
  status: number;
  /** Bytes of the answer's body written so far (0 for HEAD); grows while a part is streamed. */
  bodyBytes: number;
  /**
   * The connection closed before the whole answer was written (the client went away mid-body, or before the
   * answer); false while it is still being written and once it was written in full.
   */
  aborted: boolean;
  receivedAt: number;
  /** Name of the user whose token was used, if valid. */
  user?: string;
}

/** Fault injection; see emulator/README.md. */
export interface EmulatorFaults {
  /** Closes the listener (connections refused) and reopens it on the same port after `ms`, if given. */
  down(ms?: number): Promise<void>;
  /** Reopens the listener now. */
  up(): Promise<void>;
  /** Adds `ms` to every answer. */
  latency(ms: number): void;
  /** The next `count` requests, whatever their path (or only those to `path`: exact, or a pattern), are answered `status`. */
  failNext(count: number, status?: number, path?: string | RegExp): void;
  /** Beside other rules: requests matching `match` (path: exact or a pattern; method) are answered `status`, `count` times (default: until reset). */
  fail(match: RequestMatch, status: number, count?: number): void;
  /** Requests matching `match` take effect at once and are answered `ms` late, until reset: past the client's timeout, a time-out. */
  delay(match: RequestMatch, ms: number): void;
  /** Forgets that play queue: 404 afterwards. */
  expirePlayQueue(id: number): void;
  /** The next timeline report (from that client, if given) is answered with terminationCode/Text and its session ends. */
  terminateNextTimeline(termination: TimelineTermination): void;
  /** Clears latency, pending failures and terminations (does not bring the server up). */
  reset(): void;
}

const REDACTED = '[REDACTED]';
export const EMULATOR_VERSION = '1.41.3.9314-emulator';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/');
}

/** A Plex Media Server stand-in serving a demo library over HTTP. */
export class PlexEmulator {
  readonly token: string;
  readonly machineIdentifier: string;
  readonly host: string;
  readonly library: DemoLibrary;
  readonly requests: RecordedRequest[] = [];
  readonly faults: EmulatorFaults;

  private readonly users: UserDirectory;
  private readonly state: EmulatorState;
  /** A new server for every listen: Node's http server does not keep connections alive after a close and relisten. */
  private server: Server;
  private readonly log?: (line: string) => void;
  private boundPort: number;
  private listening = false;
  private connections = 0;
  private readonly openSockets = new Set<Socket>();
  private readonly recordRequests: boolean;
  private closed = false;
  private reopenTimer?: NodeJS.Timeout;

  constructor(options: PlexEmulatorOptions = {}) {
    this.token = options.token ?? randomToken(20);
    this.machineIdentifier = options.machineIdentifier ?? randomBytes(20).toString('hex');
    this.host = options.host ?? '127.0.0.1';
    this.recordRequests = options.recordRequests ?? true;
    this.boundPort = options.port ?? 0;
    this.log = options.log;
    const mediaBytes = options.mediaBytes ?? DEFAULT_MEDIA_BYTES;
    if (!Number.isSafeInteger(mediaBytes) || mediaBytes < MIN_MEDIA_BYTES) {
      throw new Error(`mediaBytes must be an integer of at least ${MIN_MEDIA_BYTES}, got ${mediaBytes}`);
    }
    this.library = new DemoLibrary(generatePartFiles(mediaBytes), options.longShowEpisodes);
    this.users = new UserDirectory(this.token);
    const watch = new WatchStateStore();
    for (const seed of seededAdminWatch()) watch.seed(ADMIN_USER_NAME, seed.ratingKey, seed.state);
    const prefs = new ServerPrefs(options.playedThresholdPercent ?? 90);
    this.state = {
      machineIdentifier: this.machineIdentifier,
      version: EMULATOR_VERSION,
      library: this.library,
      watch,
      prefs,
      queues: new PlayQueueStore(this.library, this.machineIdentifier),
      sessions: new PlaybackSessions(watch, (item, duration) => prefs.playedAtMs(item, duration)),
      faults: new FaultState(),
      transcodes: new TranscodeStore(),
      selections: new StreamSelections(),
    };
    this.server = this.createHttpServer();
    this.faults = this.makeFaults();
  }

  get port(): number {
    return this.boundPort;
  }

  /** How many TCP connections clients have opened so far (to see keep-alive at work). */
  get connectionCount(): number {
    return this.connections;
  }

  /** TCP connections open right now (idle keep-alive ones included): to see that aborted requests left none behind. */
  openConnections(): number {
    return this.openSockets.size;
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.boundPort}`;
  }

  /** Starts listening (called by startPlexEmulator). */
  async listen(): Promise<void> {
    if (this.listening || this.closed) return;
    if (this.server.listening === false && this.boundPort !== 0) this.server = this.createHttpServer();
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.boundPort, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reopenTimer);
    await this.stopListening();
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (request) =>
        request.method === method.toUpperCase() &&
        (typeof path === 'string' ? request.path === path : path.test(request.path)),
    );
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Adds a household member; returns their token. */
  addUser(name: string, token?: string): string {
    return this.users.add(name, token);
  }

  /**
   * Shares only these library sections with a member (undefined: all again): the member's browse calls, metadata
   * and artwork of other sections answer 404, as on a server whose owner restricted sharing.
   */
  shareSections(name: string, sections: readonly number[] | undefined): void {
    this.users.share(name, sections);
  }

  /** An item's metadata and that user's watch state (default: the admin), or undefined for an unknown key. */
  item(ratingKey: string, user: string = ADMIN_USER_NAME): ItemSnapshot | undefined {
    const item = this.library.get(ratingKey);
    return item ? snapshot(item, this.state.watch, user) : undefined;
  }

  /** A copy of the play queue's current state, or undefined when it does not exist (or expired). */
  playQueue(id: number): PlayQueueState | undefined {
    const queue = this.state.queues.get(id);
    return queue ? structuredClone(queue) : undefined;
  }

  /** Live playbacks, as /status/sessions lists them. */
  sessions(): LiveSession[] {
    return this.state.sessions.list().map((session) => ({ ...session, user: { ...session.user } }));
  }

  /** The bytes a part id serves (size, container, contentType, slice), or undefined for an unknown part. */
  partFile(partId: number): GeneratedFile | undefined {
    return this.library.part(partId)?.file;
  }

  /** Every transcode started, in start order, running or stopped (copies). */
  transcodeSessions(): TranscodeSession[] {
    return this.state.transcodes.list();
  }

  /** Transcodes not stopped yet: tests expect none left once every playback ended. */
  activeTranscodes(): TranscodeSession[] {
    return this.transcodeSessions().filter((session) => session.stoppedAt === undefined);
  }

  /** The audio and subtitle choice a user made for a show (or a movie), by stream index; undefined: none made. */
  streamChoice(scopeRatingKey: string, user: string = ADMIN_USER_NAME): StreamChoice | undefined {
    return this.state.selections.get(user, scopeRatingKey);
  }

  setPref(id: string, value: string | number): void {
    this.state.prefs.set(id, value);
  }

  private makeFaults(): EmulatorFaults {
    const faults = this.state.faults;
    return {
      down: async (ms?: number) => {
        clearTimeout(this.reopenTimer);
        await this.stopListening();
        if (ms !== undefined) {
          this.reopenTimer = setTimeout(() => {
            this.listen().catch((error: unknown) => this.log?.(`could not reopen: ${String(error)}`));
          }, ms);
        }
      },
      up: async () => {
        clearTimeout(this.reopenTimer);
        await this.listen();
      },
      latency: (ms: number) => {
        faults.latencyMs = ms;
      },
      failNext: (count: number, status = 500, path?: string | RegExp) => faults.failNext(count, status, path),
      fail: (match: RequestMatch, status: number, count?: number) => faults.fail(match, status, count),
      delay: (match: RequestMatch, ms: number) => faults.delay(match, ms),
      expirePlayQueue: (id: number) => {
        this.state.queues.expire(id);
      },
      terminateNextTimeline: (termination: TimelineTermination) => faults.terminateNextTimeline(termination),
      reset: () => faults.reset(),
    };
  }

  private createHttpServer(): Server {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.connections++;
      this.openSockets.add(socket);
      socket.once('close', () => this.openSockets.delete(socket));
    });
    server.keepAliveTimeout = 20_000;
    return server;
  }

  private async stopListening(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record = this.record(req);
    res.once('close', () => {
      if (!res.writableFinished) record.recorded.aborted = true;
    });
    req.resume();
    try {
      if (this.state.faults.latencyMs > 0) await sleep(this.state.faults.latencyMs);
      const method = req.method ?? 'GET';
      const path = record.call?.path ?? record.recorded.path;
      const failure = this.state.faults.takeFailure(method, path);
      let reply: Reply;
      if (failure !== undefined) {
        reply = { status: failure, body: `Injected failure (${failure})` };
      } else if (record.call) {
        const result = dispatch(this.state, this.users, record.call);
        reply = result.reply;
      } else {
        reply = { status: 400, body: 'Bad Request: malformed URL' };
      }
      // A slow answer, not a slow request: what the request does is done at once, as when an answer is lost.
      const lateMs = this.state.faults.delayFor(method, path);
      if (lateMs > 0) await sleep(lateMs);
      await this.send(req, res, reply, record.recorded);
    } catch (error) {
      if (!res.headersSent) {
        await this.send(req, res, { status: 500, body: `Internal error: ${String(error)}` }, record.recorded);
      } else {
        res.destroy();
      }
    }
  }

  private record(req: IncomingMessage): { recorded: RecordedRequest; call?: IncomingCall } {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let path: string;
    let decoded = true;
    try {
      path = decodePath(url.pathname);
    } catch {
      path = url.pathname;
      decoded = false;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const call: IncomingCall = { method, path, query, headers };
    const token = headers['x-plex-token'] ?? Object.entries(query).find(([n]) => n.toLowerCase() === 'x-plex-token')?.[1];
    const recorded: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(
        Object.entries(query).map(([name, value]) => [name, name.toLowerCase() === 'x-plex-token' ? REDACTED : value]),
      ),
      headers: { ...headers, ...(headers['x-plex-token'] !== undefined ? { 'x-plex-token': REDACTED } : {}) },
      status: 0,
      bodyBytes: 0,
      aborted: false,
      receivedAt: Date.now(),
      user: this.users.find(token)?.name,
    };
    if (recorded.user === undefined) delete recorded.user;
    if (this.recordRequests) this.requests.push(recorded);
    return { recorded, call: decoded ? call : undefined };
  }

  private async send(req: IncomingMessage, res: ServerResponse, reply: Reply, recorded: RecordedRequest): Promise<void> {
    if (res.destroyed || res.socket?.destroyed !== false) return;
    recorded.status = reply.status;
    const head = req.method === 'HEAD';
    let body: string | Buffer;
    let contentType: string;
    if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
      body = reply.body;
      contentType = reply.contentType ?? 'text/plain; charset=utf-8';
    } else {
      body = JSON.stringify(reply.body);
      contentType = reply.contentType ?? 'application/json';
    }
    const length = reply.bytes ? reply.bytes.end - reply.bytes.start : Buffer.byteLength(body);
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-type': contentType,
      'content-length': length,
      'x-plex-protocol': '1.0',
    });
    this.log?.(`${recorded.method} ${recorded.path} -> ${reply.status}`);
    if (head) {
      res.end();
    } else if (reply.bytes) {
      await this.stream(res, reply.bytes, recorded);
    } else {
      recorded.bodyBytes = Buffer.byteLength(body);
      res.end(body);
    }
  }

  /** Writes a file's byte range in chunks, waiting for 'drain' when the socket is full. */
  private async stream(res: ServerResponse, bytes: NonNullable<Reply['bytes']>, recorded: RecordedRequest): Promise<void> {
    for (const chunk of bytes.file.chunks(bytes.start, bytes.end)) {
      if (res.destroyed) return;
      recorded.bodyBytes += chunk.length;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end();
  }
}
