/** What the benchmark sends the bare server when it forks it. */
export interface BareServerSetup {
  /** The proxy's ADMIN_TOKEN: calls must carry `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  /** A real answer of the proxy's progress endpoint: the shape and size of what the bare server answers. */
  template: Record<string, unknown>;
  /** The session ids it knows (the same the proxy holds). */
  sessionIds: string[];
  /**
   * Busy work (in user space, nothing else) added to each answer of the bare node server, in µs: a calibration that
   * shows what being slower alone does to a server's other costs (`npm run bench -- --spin-bare <µs>`).
   */
  spinMicros?: number;
}

/** What the bare server answers once it listens. */
export interface BareServerReady {
  port: number;
}
