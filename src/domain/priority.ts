/**
 * The priority score of an open report (DESIGN.md "Architecture": one documented formula).
 *
 *   score = emergency ? EMERGENCY_FLOOR + base : base
 *   base  = round(reliability × (4000·U + 2500·R + 3500·E))            (0 … 12 000)
 *
 *   U = (urgency − 1) / 4            urgency 1–5: the technician's assessment once known, else the
 *                                    citizen's declaration
 *   R = min(1, log2(reporters) / 5)  reporters = author + duplicates + supporters; 32 citizens = 1
 *   E = min(1.5, step(elapsed)) / 1.5, elapsed = share of the service level gone (received → due),
 *                                    counted in steps of a quarter, so the score changes at known
 *                                    instants and the refresh job touches only what changed step
 *   reliability = 0.8 + 0.4 × reputation  (reporters' mean reputation 0–1, neutral 0.5 → 1.0):
 *                                    a bounded factor, ±20 %
 *
 * Emergencies sit on a floor no ordinary report can reach, and reliability never multiplies the
 * floor: a distrusted reporter cannot push a real emergency down. Bands group scores for queues
 * and crew routes.
 */

export interface PriorityInput {
  emergency?: boolean | null;
  /** The citizen's declared urgency, 1–5. */
  declaredUrgency?: number | null;
  /** The technician's assessment, 1–5; replaces the declaration once known. */
  assessedUrgency?: number | null;
  /** Citizens behind the report: its author, the authors of its duplicates, its supporters. */
  reporters: number;
  /** Mean reputation of those citizens, 0–1 (0.5 when unknown). */
  reputation?: number | null;
  receivedAt: Date;
  /** Null when no service level applies (no due date): the elapsed term is then 0. */
  dueAt?: Date | null;
}

export interface PriorityScore {
  score: number;
  band: PriorityBand;
  /** When the elapsed term reaches its next step (null when it never changes again). */
  reviewAt: Date | null;
}

export const PRIORITY_BANDS = ['emergency', 'high', 'medium', 'low'] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number];

export const EMERGENCY_FLOOR = 50_000;
/** Lower bounds of the bands (a score belongs to the first band whose bound it reaches). */
export const BAND_FLOORS: Record<PriorityBand, number> = {
  emergency: EMERGENCY_FLOOR,
  high: 6_000,
  medium: 3_000,
  low: 0,
};

const WEIGHTS = { urgency: 4000, reporters: 2500, elapsed: 3500 };
const ELAPSED_STEP = 0.25;
const ELAPSED_CAP = 1.5;
const REPORTERS_FOR_FULL_WEIGHT = 32;
const RELIABILITY_SPAN = 0.4; // reliability factor from 0.8 to 1.2

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function urgencyTerm(input: Pick<PriorityInput, 'declaredUrgency' | 'assessedUrgency'>) {
  const urgency = clamp(input.assessedUrgency ?? input.declaredUrgency ?? 3, 1, 5);
  return (urgency - 1) / 4;
}

export function reportersTerm(reporters: number): number {
  const n = Math.max(1, Math.floor(reporters));
  return Math.min(1, Math.log2(n) / Math.log2(REPORTERS_FOR_FULL_WEIGHT));
}

/** The share of the service level gone, in whole steps, and when the next step starts. */
export function elapsedStep(
  receivedAt: Date,
  dueAt: Date | null | undefined,
  now: Date
): { step: number; nextAt: Date | null } {
  if (!dueAt) return { step: 0, nextAt: null };
  const span = dueAt.getTime() - receivedAt.getTime();
  if (span <= 0) return { step: ELAPSED_CAP, nextAt: null };
  const share = (now.getTime() - receivedAt.getTime()) / span;
  const step = clamp(Math.floor(share / ELAPSED_STEP) * ELAPSED_STEP, 0, ELAPSED_CAP);
  if (step >= ELAPSED_CAP) return { step, nextAt: null };
  const next = step + ELAPSED_STEP;
  return { step, nextAt: new Date(receivedAt.getTime() + next * span) };
}

export function reliabilityFactor(reputation: number | null | undefined): number {
  const r = clamp(reputation ?? 0.5, 0, 1);
  return 1 - RELIABILITY_SPAN / 2 + RELIABILITY_SPAN * r;
}

export function bandOf(score: number): PriorityBand {
  for (const band of PRIORITY_BANDS) if (score >= BAND_FLOORS[band]) return band;
  return 'low';
}

/** The score range of a band, for queue filters: [min, max) with max null for the top band. */
export function bandRange(band: PriorityBand): { min: number; max: number | null } {
  const i = PRIORITY_BANDS.indexOf(band);
  return { min: BAND_FLOORS[band], max: i === 0 ? null : BAND_FLOORS[PRIORITY_BANDS[i - 1]] };
}

export function priorityOf(input: PriorityInput, now: Date): PriorityScore {
  const { step, nextAt } = elapsedStep(input.receivedAt, input.dueAt, now);
  const base = Math.round(
    reliabilityFactor(input.reputation) *
      (WEIGHTS.urgency * urgencyTerm(input) +
        WEIGHTS.reporters * reportersTerm(input.reporters) +
        (WEIGHTS.elapsed * step) / ELAPSED_CAP)
  );
  const score = input.emergency ? EMERGENCY_FLOOR + base : base;
  return { score, band: bandOf(score), reviewAt: nextAt };
}
