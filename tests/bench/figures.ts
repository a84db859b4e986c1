import type { Measurement } from './bench.js';
import type { PeerKind, WorkloadName } from './job.js';
import { median, medianRatio } from './stats.js';

/** The value of `figure` in each pair for `peer` (NaN where a pair has none), in pair order. */
export function byPair(
  measurements: readonly Measurement[],
  workload: WorkloadName,
  peer: PeerKind,
  figure: string,
): number[] {
  const pairs = Math.max(0, ...measurements.filter((m) => m.workload === workload).map((m) => m.pair + 1));
  return Array.from({ length: pairs }, (_, pair) => {
    const values = measurements
      .filter((m) => m.workload === workload && m.peer === peer && m.pair === pair)
      .map((m) => m.figures[figure] ?? Number.NaN);
    return median(values);
  });
}

/** Median of `figure` over every run of `peer` in `workload`. */
export function medianOf(
  measurements: readonly Measurement[],
  workload: WorkloadName,
  peer: PeerKind,
  figure: string,
): number {
  return median(
    measurements
      .filter((m) => m.workload === workload && m.peer === peer)
      .map((m) => m.figures[figure] ?? Number.NaN)
      .filter(Number.isFinite),
  );
}

/** Median over pairs of `peer`'s figure divided by `other`'s in the same pair. */
export function ratioOf(
  measurements: readonly Measurement[],
  workload: WorkloadName,
  figure: string,
  peer: PeerKind,
  other: PeerKind,
): number {
  return medianRatio(byPair(measurements, workload, peer, figure), byPair(measurements, workload, other, figure));
}

/** A figure for people: bytes in KB/MB, others to three significant digits. */
export function formatFigure(name: string, value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (name.endsWith('_bytes') && Math.abs(value) >= 10_000) {
    return Math.abs(value) >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${(value / 1e3).toFixed(1)} KB`;
  }
  if (name.endsWith('_fraction')) return `${(value * 100).toFixed(0)}%`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
