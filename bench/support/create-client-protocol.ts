/** What the create-session client process is told to do. */
export interface CreateClientTask {
  proxyUrl: string;
  /** A household profile's API key. */
  apiKey: string;
  plexUrl: string;
  plexToken: string;
  machineIdentifier: string;
  ratingKey: string;
  warmup: number;
  samples: number;
}

/** Milliseconds of each create through the proxy, and of each pair of direct Plex calls. */
export interface CreateClientTimings {
  proxyMs: number[];
  directMs: number[];
}
