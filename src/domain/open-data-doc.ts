/**
 * The open data catalogue: each dataset's files, parameters and columns, as GET
 * /api/open-data/schema answers it and as docs/OPEN-DATA.md renders it (tests/unit/open-data.test.ts
 * checks the file equals the rendering, so the documentation follows the schema).
 */
import { MAX_PERIOD_DAYS, REPORT_COLUMNS, type Bilingual, type Column } from './open-data';
import { MIN_ANSWERS, SURVEY_COLUMNS } from './open-data-surveys';

export interface DatasetFile {
  path: string;
  mediaType: string;
  description: Bilingual;
}

export interface Parameter {
  name: string;
  description: Bilingual;
}

export interface Dataset {
  name: string;
  title: Bilingual;
  description: Bilingual;
  files: DatasetFile[];
  parameters: Parameter[];
  columns: readonly Column[];
}

export const OPEN_DATA_BASE = '/api/open-data';

export const DATASETS: readonly Dataset[] = [
  {
    name: 'reports',
    title: { en: 'Reports', it: 'Segnalazioni' },
    description: {
      en: 'One row per report received in the period (by received date, oldest first), as the public may see it: reports made private by staff and reports still awaiting their author’s confirmation are never included. Requests and complaints are not published: they have no public side.',
      it: 'Una riga per segnalazione ricevuta nel periodo (per data di ricezione, dalla meno recente), come il pubblico può vederla: le segnalazioni rese private dagli operatori e quelle in attesa della conferma di chi le ha inviate non sono mai incluse. Richieste e reclami non sono pubblicati: non hanno una parte pubblica.',
    },
    files: [
      {
        path: `${OPEN_DATA_BASE}/reports.csv`,
        mediaType: 'text/csv',
        description: {
          en: 'CSV (RFC 4180, UTF-8 with BOM, comma separated); the header is the column names below.',
          it: 'CSV (RFC 4180, UTF-8 con BOM, separato da virgole); l’intestazione sono i nomi delle colonne qui sotto.',
        },
      },
      {
        path: `${OPEN_DATA_BASE}/reports.geojson`,
        mediaType: 'application/geo+json',
        description: {
          en: 'GeoJSON FeatureCollection (RFC 7946): one Point per report with a position, [longitude, latitude]; the other columns are its properties and reference_code its id. Reports without position are left out and counted in reportsWithoutPosition; period gives from and to.',
          it: 'GeoJSON FeatureCollection (RFC 7946): un Point per segnalazione con posizione, [longitudine, latitudine]; le altre colonne sono le sue properties e reference_code il suo id. Le segnalazioni senza posizione sono omesse e contate in reportsWithoutPosition; period riporta from e to.',
        },
      },
    ],
    parameters: [
      {
        name: 'from, to',
        description: {
          en: `Received dates as YYYY-MM-DD, both included, given together; at most ${MAX_PERIOD_DAYS} days. Default: the previous calendar month.`,
          it: `Date di ricezione come AAAA-MM-GG, entrambe incluse, date insieme; al massimo ${MAX_PERIOD_DAYS} giorni. Predefinito: il mese solare precedente.`,
        },
      },
      {
        name: 'topic',
        description: {
          en: 'Optional: only the reports of the topic with this code.',
          it: 'Facoltativo: solo le segnalazioni dell’argomento con questo codice.',
        },
      },
    ],
    columns: REPORT_COLUMNS,
  },
  {
    name: 'surveys',
    title: { en: 'Satisfaction surveys', it: 'Questionari di soddisfazione' },
    description: {
      en: `Per published survey and question, the figures of the answers given in one calendar year. Never a single response, never a free-text answer; a survey or a question with fewer than ${MIN_ANSWERS} answers in the year is left out.`,
      it: `Per questionario pubblicato e domanda, i valori delle risposte date in un anno solare. Mai una singola risposta, mai una risposta a testo libero; un questionario o una domanda con meno di ${MIN_ANSWERS} risposte nell’anno è omesso.`,
    },
    files: [
      {
        path: `${OPEN_DATA_BASE}/surveys.csv`,
        mediaType: 'text/csv',
        description: {
          en: 'CSV (RFC 4180, UTF-8 with BOM); the header is the column names below.',
          it: 'CSV (RFC 4180, UTF-8 con BOM); l’intestazione sono i nomi delle colonne qui sotto.',
        },
      },
      {
        path: `${OPEN_DATA_BASE}/surveys.json`,
        mediaType: 'application/json',
        description: {
          en: 'JSON: data holds the same rows as objects keyed by column name; meta gives the year and how many surveys and questions were suppressed.',
          it: 'JSON: data contiene le stesse righe come oggetti con i nomi delle colonne; meta riporta l’anno e quanti questionari e domande sono stati omessi.',
        },
      },
    ],
    parameters: [
      {
        name: 'year',
        description: {
          en: 'A calendar year that has ended, as YYYY. Default: the previous year.',
          it: 'Un anno solare concluso, come AAAA. Predefinito: l’anno precedente.',
        },
      },
    ],
    columns: SURVEY_COLUMNS,
  },
];

/** How the data was anonymised: said once, above the datasets. */
export const PRIVACY_NOTES: readonly Bilingual[] = [
  {
    en: 'No personal data: no citizen’s name, email or phone, no description or photo, no message, no internal note, no address typed by the citizen (it may name people).',
    it: 'Nessun dato personale: né nome, email o telefono del cittadino, né descrizione o foto, né messaggi, né note interne, né l’indirizzo scritto dal cittadino (può nominare persone).',
  },
  {
    en: 'Positions are rounded to 3 decimals (about 100 m), as on the public map, so that a report made from home does not publish the door.',
    it: 'Le posizioni sono arrotondate a 3 decimali (circa 100 m), come sulla mappa pubblica, perché una segnalazione fatta da casa non pubblichi la porta.',
  },
  {
    en: 'Dates without time of day, and times in whole days: a time next to a position could point at who made the report.',
    it: 'Date senza ora e tempi in giorni interi: un orario accanto a una posizione potrebbe indicare chi ha fatto la segnalazione.',
  },
  {
    en: `Small counts can identify people: survey figures of fewer than ${MIN_ANSWERS} answers are suppressed, and only whole ended years are published, so that two overlapping aggregates cannot be subtracted to give back one person’s answers.`,
    it: `I piccoli numeri possono identificare le persone: i valori dei questionari con meno di ${MIN_ANSWERS} risposte sono omessi, e si pubblicano solo anni interi conclusi, perché due aggregati sovrapposti non si possano sottrarre per risalire alle risposte di una persona.`,
  },
];

/** What GET /api/open-data/schema answers. */
export function openDataSchema() {
  return { datasets: DATASETS, privacy: PRIVACY_NOTES };
}

// ---------------------------------------------------------------------------------------------
// Markdown, laid out as prettier would (padded tables), so `prettier --check` leaves it alone
// ---------------------------------------------------------------------------------------------

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

function table(header: string[], rows: string[][]): string[] {
  const cells = [header, ...rows].map((r) => r.map(escapeCell));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => [...r[i]].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i] + c.length - [...c].length)).join(' | ')} |`;
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)];
}

const unitOf = (c: Column) => (c.unit ? `${c.unit.en} / ${c.unit.it}` : '');

function datasetSection(d: Dataset): string[] {
  const out = [
    `## ${d.title.en} / ${d.title.it} (\`${d.name}\`)`,
    '',
    d.description.en,
    '',
    d.description.it,
    '',
  ];
  out.push('Files / File:', '');
  for (const f of d.files) {
    out.push(`- \`GET ${f.path}\` (\`${f.mediaType}\`): ${f.description.en}`);
    out.push(`  ${f.description.it}`);
  }
  out.push('', 'Parameters / Parametri:', '');
  for (const p of d.parameters) {
    out.push(`- \`${p.name}\`: ${p.description.en}`, `  ${p.description.it}`);
  }
  out.push('', 'Columns / Colonne:', '');
  out.push(
    ...table(
      ['Column', 'Type', 'Unit / Unità', 'Description', 'Descrizione'],
      d.columns.map((c) => [`\`${c.name}\``, c.type, unitOf(c), c.description.en, c.description.it])
    )
  );
  for (const c of d.columns.filter((col) => col.values?.length)) {
    out.push('', `Values of / Valori di \`${c.name}\`:`, '');
    out.push(
      ...table(
        ['Value', 'Meaning', 'Significato'],
        (c.values ?? []).map((v) => [`\`${v.value}\``, v.label.en, v.label.it])
      )
    );
  }
  return [...out, ''];
}

/** docs/OPEN-DATA.md. */
export function renderOpenDataMarkdown(): string {
  const out = [
    '# Open data / Dati aperti',
    '',
    '<!-- Generated from src/domain/open-data*.ts: do not edit by hand. After changing the schema, run',
    '     UPDATE_OPEN_DATA_DOC=1 npx jest --selectProjects unit --testPathPattern open-data -->',
    '',
    `Anonymised datasets for the municipality’s open data portal, free to download without an account (\`GET\`, cached for an hour). The same schema, as JSON: \`GET ${OPEN_DATA_BASE}/schema\`. Dates are days in the city’s time zone as YYYY-MM-DD; numbers use a dot as decimal separator; an empty cell means no value.`,
    '',
    `Dataset anonimizzati per il portale open data del Comune, scaricabili liberamente senza account (\`GET\`, in cache per un’ora). Lo stesso schema, in JSON: \`GET ${OPEN_DATA_BASE}/schema\`. Le date sono giorni nel fuso orario della città come AAAA-MM-GG; i numeri usano il punto come separatore decimale; una cella vuota significa nessun valore.`,
    '',
    '## Privacy / Riservatezza',
    '',
  ];
  for (const note of PRIVACY_NOTES) out.push(`- ${note.en}`, `  ${note.it}`);
  out.push('');
  for (const d of DATASETS) out.push(...datasetSection(d));
  return `${out.join('\n').trimEnd()}\n`;
}
