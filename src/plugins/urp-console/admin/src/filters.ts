/**
 * The queue's filters live in the page's URL (?kind=report&office=…): a filtered view can be
 * bookmarked or sent to a colleague, and the map page reads the same parameters.
 */
import { useSearchParams } from 'react-router-dom';
import type { CaseKind } from './types';
import type { Query } from './api';

export const FILTER_KEYS = [
  'kind',
  'office',
  'team',
  'topic',
  'status',
  'band',
  'overdue',
  'emergency',
  'q',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const STATUSES: Record<CaseKind, string[]> = {
  report: [
    'received',
    'triaged',
    'assigned',
    'in_progress',
    'resolved',
    'closed',
    'rejected',
    'duplicate',
  ],
  request: ['received', 'assigned', 'answered', 'suspended', 'closed', 'rejected'],
  complaint: ['received', 'assigned', 'answered', 'suspended', 'closed', 'rejected'],
};
export const SORTS: Record<CaseKind, string[]> = {
  report: ['priority', 'receivedAt', 'dueAt'],
  request: ['dueAt', 'receivedAt'],
  complaint: ['dueAt', 'receivedAt'],
};

export function useFilters(): [Filters, (patch: Filters) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  const update = (patch: Filters) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const reset = () => setParams(new URLSearchParams(filters.kind ? { kind: filters.kind } : {}));
  return [filters, update, reset];
}

export const kindOf = (f: Filters): CaseKind =>
  f.kind === 'request' || f.kind === 'complaint' ? f.kind : 'report';

/** The filters as the server's query: reports-only filters dropped for other kinds. */
export function serverQuery(f: Filters): Query {
  const kind = kindOf(f);
  return {
    kind,
    office: f.office,
    team: f.team,
    topic: f.topic,
    status: f.status,
    band: kind === 'report' ? f.band : undefined,
    overdue: f.overdue === 'true' ? 'true' : undefined,
    emergency: kind === 'report' && f.emergency === 'true' ? 'true' : undefined,
    q: f.q,
  };
}

/** How accurate a resolved or rejected report was (the server's qualification values). */
export const ACCURACY = ['accurate', 'partly_accurate', 'inaccurate', 'fake'];
