/** A Plex call the proxy makes, sent straight to the emulator: a path with its query. */
export type DirectCall = string;

/**
 * The direct calls standing for one proxy answer, as the proxy makes them: steps one after the other, the calls of a
 * step at once.
 */
export type DirectPlan = DirectCall[][];

export interface BrowseCase {
  name: string;
  /** The proxy's path (GET). */
  proxyPath: string;
  direct: DirectPlan;
}

/** What the browse client process is told to do. */
export interface BrowseClientTask {
  proxyUrl: string;
  apiKey: string;
  plexUrl: string;
  plexToken: string;
  warmup: number;
  samples: number;
  cases: BrowseCase[];
  images: {
    /** A poster URL of a card (absolute, on the proxy). */
    proxyUrl: string;
    /** The transcoder call the proxy makes for it. */
    directPath: string;
    requests: number;
    concurrency: number;
  };
}

export interface BrowseClientResult {
  /** Per case: milliseconds through the proxy and of the direct plan, sample by sample. */
  cases: Record<string, { proxyMs: number[]; directMs: number[] }>;
  images: {
    proxy: { seconds: number; bytes: number; requests: number };
    direct: { seconds: number; bytes: number; requests: number };
    /** Revalidations (If-None-Match) answered 304 by the proxy. */
    notModified: { seconds: number; requests: number };
  };
}
