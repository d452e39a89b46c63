/**
 * The choices of the map and routes pages' selectors: GET /urp-console/options (offices, teams,
 * topics within the user's scope); where that answer is missing, the teams of
 * GET /urp-console/teams/stats, so a crew's route can still be chosen.
 */
import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE } from '../api';
import type { Options } from '../types';

export interface TeamChoice {
  documentId: string;
  name: string;
  officeKey: string | null;
}

export interface FilterChoices {
  /** Null until answered, or when /options is not available. */
  options: Options | null;
  /** Null until answered. */
  teams: TeamChoice[] | null;
}

type Named = { documentId?: unknown; name?: unknown; officeKey?: unknown; office?: unknown };

function teamsOf(list: unknown): TeamChoice[] {
  if (!Array.isArray(list)) return [];
  return (list as Named[])
    .filter((t) => t && typeof t.documentId === 'string')
    .map((t) => ({
      documentId: t.documentId as string,
      name: typeof t.name === 'string' && t.name ? t.name : (t.documentId as string),
      officeKey:
        typeof t.officeKey === 'string'
          ? t.officeKey
          : typeof t.office === 'string'
            ? t.office
            : null,
    }));
}

export function useFilterChoices(): FilterChoices {
  const { get } = useFetchClient();
  const [choices, setChoices] = useState<FilterChoices>({ options: null, teams: null });
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const res = await get<{ data?: Options } & Partial<Options>>(`${BASE}/options`);
        const options = (res.data?.data ?? res.data) as Options;
        if (options && Array.isArray(options.teams)) {
          if (live) setChoices({ options, teams: teamsOf(options.teams) });
          return;
        }
      } catch {
        // not there (yet), or refused: fall back to the teams' figures below
      }
      try {
        const res = await get<{ data?: { teams?: unknown } }>(`${BASE}/teams/stats`);
        if (live) setChoices({ options: null, teams: teamsOf(res.data?.data?.teams) });
      } catch {
        if (live) setChoices({ options: null, teams: [] });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return choices;
}
