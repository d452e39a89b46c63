/**
 * A citizen's reputation as a reporter: a Bayesian average of their qualified reports with a
 * neutral prior, so a newcomer starts at 0.5 and one bad report does not condemn anyone.
 *
 *   reputation = (PRIOR × PRIOR_WEIGHT + Σ wᵢ·sᵢ) / (PRIOR_WEIGHT + Σ wᵢ)
 *
 * sᵢ by the technician's qualification: accurate 1, partly accurate 0.6, inaccurate 0.25, fake 0;
 * a report whose declared urgency overstated the assessed one by two or more steps loses a third
 * of its score (urgency honesty). A fake counts twice (wᵢ = 2), everything else once.
 */

export const ACCURACIES = ['accurate', 'partly_accurate', 'inaccurate', 'fake'] as const;
export type Accuracy = (typeof ACCURACIES)[number];

export interface QualifiedReport {
  accuracy: Accuracy;
  declaredUrgency?: number | null;
  assessedUrgency?: number | null;
}

export interface ReputationRules {
  prior: number;
  priorWeight: number;
  /** Flag for moderation below this score … */
  flagBelow: number;
  /** … once at least this many reports were qualified. */
  flagAfterReports: number;
  /** Listed for recognition from this score, with at least flagAfterReports reports. */
  recogniseFrom: number;
}

export const DEFAULT_REPUTATION_RULES: ReputationRules = {
  prior: 0.5,
  priorWeight: 5,
  flagBelow: 0.3,
  flagAfterReports: 5,
  recogniseFrom: 0.8,
};

const SCORE: Record<Accuracy, number> = {
  accurate: 1,
  partly_accurate: 0.6,
  inaccurate: 0.25,
  fake: 0,
};
const OVERSTATED_BY = 2;
const OVERSTATED_FACTOR = 2 / 3;

export function reportScore(report: QualifiedReport): { score: number; weight: number } {
  let score = SCORE[report.accuracy];
  const declared = report.declaredUrgency;
  const assessed = report.assessedUrgency;
  if (declared != null && assessed != null && declared - assessed >= OVERSTATED_BY) {
    score *= OVERSTATED_FACTOR;
  }
  return { score, weight: report.accuracy === 'fake' ? 2 : 1 };
}

export interface Reputation {
  score: number;
  counts: Record<Accuracy, number> & { total: number };
  flagged: boolean;
  recognised: boolean;
}

export function reputationOf(
  reports: QualifiedReport[],
  rules: ReputationRules = DEFAULT_REPUTATION_RULES
): Reputation {
  let sum = rules.prior * rules.priorWeight;
  let weight = rules.priorWeight;
  const counts = { accurate: 0, partly_accurate: 0, inaccurate: 0, fake: 0, total: 0 };
  for (const report of reports) {
    const s = reportScore(report);
    sum += s.score * s.weight;
    weight += s.weight;
    counts[report.accuracy] += 1;
    counts.total += 1;
  }
  const score = Math.round((sum / weight) * 1000) / 1000;
  const enough = counts.total >= rules.flagAfterReports;
  return {
    score,
    counts,
    flagged: enough && score < rules.flagBelow,
    recognised: enough && score >= rules.recogniseFrom,
  };
}

export function isAccuracy(value: unknown): value is Accuracy {
  return typeof value === 'string' && (ACCURACIES as readonly string[]).includes(value);
}
