/** What the benchmark sends the bare server when it forks it. */
export interface BareServerSetup {
  /** The proxy's ADMIN_TOKEN: calls must carry `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  /** A real answer of the proxy's progress endpoint: the shape and size of what the bare server answers. */
  template: Record<string, unknown>;
  /** The session ids it knows (the same the proxy holds). */
  sessionIds: string[];
}

/** What the bare server answers once it listens. */
export interface BareServerReady {
  port: number;
}
