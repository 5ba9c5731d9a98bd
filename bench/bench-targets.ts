/**
 * Backends benchmarked besides SQLite. Each target gives the server process the environment
 * that selects its backend.
 */
import type { BenchTarget } from './bench.js';

/** Extra backends to benchmark; none until their harnesses are wired in. */
export async function extraBenchTargets(): Promise<BenchTarget[]> {
  return [];
}
