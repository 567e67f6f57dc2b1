/** Summary of repeated timings, in milliseconds. */
export interface Timing {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(samples: number[]): Timing {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length)),
    n: samples.length,
  };
}

/** Runs `fn` over the inputs after `warmup` untimed runs, one at a time, and summarizes the times. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => Promise<unknown>, warmup = 5): Promise<Timing> {
  for (const input of inputs.slice(0, warmup)) await fn(input);
  const samples: number[] = [];
  for (const input of inputs.slice(warmup)) {
    const started = performance.now();
    await fn(input);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}
