// autocannon ships no types and @types/autocannon is not a dependency; this covers the part the
// home-page benchmark uses (autocannon 8 returns a promise when no callback is passed).
declare module "autocannon" {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    /** With `workers`: path of a CommonJS module exporting (request) => request, run per request. */
    setupRequest?: string;
    /** Anything else is passed on to setupRequest as part of the request. */
    [extra: string]: unknown;
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Runs the load generator in this many worker threads instead of the calling thread. */
    workers?: number;
    headers?: Record<string, string>;
    /** Each connection cycles through these in order. */
    requests?: Request[];
    warmup?: { connections?: number; duration?: number };
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
