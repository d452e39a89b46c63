/** Field crews and contractors that carry out the work on reports (fictitious). */
import type { TeamSeed } from './types';

export const teams: TeamSeed[] = [
  {
    slug: 'squadra-strade',
    name: 'Squadra Manutenzione Strade',
    officeSlug: 'ufficio-manutenzione-strade',
    // Cantiere comunale, Ospedaletto
    baseLatitude: 43.68805,
    baseLongitude: 10.43185,
    kind: 'internal',
  },
  {
    slug: 'squadra-verde',
    name: 'Squadra Verde Pubblico',
    officeSlug: 'ufficio-verde-pubblico',
    // Vivaio comunale, Via di Pratale
    baseLatitude: 43.72305,
    baseLongitude: 10.41985,
    kind: 'internal',
  },
  {
    slug: 'squadra-segnaletica',
    name: 'Nucleo Segnaletica e Semafori',
    officeSlug: 'pm-ufficio-viabilita',
    baseLatitude: 43.72105,
    baseLongitude: 10.40645,
    kind: 'internal',
  },
  {
    slug: 'luce-toscana-impianti',
    name: 'Pronto intervento illuminazione pubblica',
    officeSlug: 'ufficio-illuminazione-pubblica',
    // Sede operativa della ditta, Via Fiorentina
    baseLatitude: 43.70155,
    baseLongitude: 10.42305,
    kind: 'contractor',
    companyName: 'Luce Toscana Impianti S.r.l.',
    contractReference: 'Contratto Rep. n. 4127/2023 – CIG 9F3A21B7C4 (2023-2027)',
  },
  {
    slug: 'ambiente-pisa-spazzamento',
    name: 'Squadra rimozione rifiuti abbandonati',
    officeSlug: 'gestore-rifiuti',
    baseLatitude: 43.68545,
    baseLongitude: 10.43605,
    kind: 'contractor',
    companyName: 'Ambiente Pisa Servizi S.p.A.',
    contractReference: 'Contratto di servizio igiene urbana Rep. n. 3890/2021 – CIG 8C72E10D55',
  },
];
