/** The survey as stored (document service shapes) and its questions as the domain reads them. */
import type { Question, ShowIf } from '../../domain/survey-questions';

export interface StoredQuestion {
  code: string;
  label: string;
  help?: string | null;
  type: Question['type'];
  required?: boolean | null;
  scaleMin?: number | null;
  scaleMax?: number | null;
  minLabel?: string | null;
  maxLabel?: string | null;
  options?: unknown;
  maxLength?: number | null;
  showIf?: unknown;
}

export interface StoredSurvey {
  id: number;
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  description?: string | null;
  questions?: StoredQuestion[] | null;
  services?: { documentId: string; slug: string; title: string }[] | null;
  offices?: { documentId: string; slug: string; name: string }[] | null;
  channels?: unknown;
  opensAt?: string | null;
  closesAt?: string | null;
  anonymous?: boolean | null;
  requiresInvitation?: boolean | null;
  dissatisfiedBelow?: number | string | null;
}

/**
 * Only the question's own fields: the content manager sends every field of the component with
 * its default (a scale's range on a free-text question), which the domain ignores by type.
 */
export function toQuestion(q: StoredQuestion): Question {
  const isScale = q.type === 'scale';
  const isChoice = q.type === 'single_choice' || q.type === 'multiple_choice';
  return {
    code: q.code,
    label: q.label,
    help: q.help ?? null,
    type: q.type,
    required: q.required !== false,
    ...(isScale
      ? {
          scaleMin: q.scaleMin ?? null,
          scaleMax: q.scaleMax ?? null,
          minLabel: q.minLabel ?? null,
          maxLabel: q.maxLabel ?? null,
        }
      : {}),
    ...(isChoice ? { options: Array.isArray(q.options) ? q.options : [] } : {}),
    ...(q.type === 'free_text' ? { maxLength: q.maxLength ?? null } : {}),
    showIf: (q.showIf as ShowIf | null | undefined) ?? null,
  };
}

export const questionsOf = (s: Pick<StoredSurvey, 'questions'>): Question[] =>
  (s.questions ?? []).map(toQuestion);

export function channelsOf(s: Pick<StoredSurvey, 'channels'>): string[] {
  return Array.isArray(s.channels) ? s.channels.filter((c) => typeof c === 'string') : [];
}

export type SurveyState = 'open' | 'not_open_yet' | 'closed';

export function surveyState(s: Pick<StoredSurvey, 'opensAt' | 'closesAt'>, now: Date): SurveyState {
  if (s.opensAt && new Date(s.opensAt) > now) return 'not_open_yet';
  if (s.closesAt && new Date(s.closesAt) <= now) return 'closed';
  return 'open';
}
