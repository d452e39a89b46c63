/** The coloured words a case carries everywhere in the console: band, status, emergency, late. */
import { Badge } from '@strapi/design-system';
import type { Band } from '../types';
import { BAND_COLOURS } from './leaflet';
import { useT, type TKey } from '../i18n';

/** Text on the map's band colours (components/leaflet.tsx): white where dark enough. */
const BAND_TEXT: Record<Band, string> = {
  emergency: '#ffffff',
  high: '#32324d',
  medium: '#32324d',
  low: '#ffffff',
};

export function BandBadge({ band }: { band?: Band | null }) {
  const t = useT();
  if (!band) return null;
  return (
    <Badge backgroundColor={BAND_COLOURS[band]} textColor={BAND_TEXT[band]} data-testid="urp-band">
      {t(`band.${band}` as TKey)}
    </Badge>
  );
}

export function StatusBadge({ state }: { state: string }) {
  const t = useT();
  return (
    <Badge data-testid="urp-status" data-state={state}>
      {t(`status.${state}` as TKey)}
    </Badge>
  );
}

export function FlagBadge({ kind }: { kind: 'emergency' | 'overdue' | 'pinned' }) {
  const t = useT();
  const colours = {
    emergency: { bg: '#d02b20', fg: '#fff' },
    overdue: { bg: '#fcecea', fg: '#b72b1a' },
    pinned: { bg: '#eaf5ff', fg: '#0c75af' },
  }[kind];
  return (
    <Badge backgroundColor={colours.bg} textColor={colours.fg} data-testid={`urp-flag-${kind}`}>
      {t(`badge.${kind}` as TKey)}
    </Badge>
  );
}
