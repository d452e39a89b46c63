/**
 * The quality report as a self-contained HTML document a manager can send on or print: one file,
 * inline CSS, no script, image or font from elsewhere; `lang` set; each table with a caption and
 * header cells. Every text that comes from data (topic, office and survey names, question labels,
 * even enumeration keys) goes through escapeHtml; the cell helpers escape, so none is forgotten.
 */
import { DEFAULT_TIME_ZONE } from './calendar';
import { TEXTS, type ReportLocale } from './quality-report-labels';
import type {
  Comparison,
  CountRow,
  KindReport,
  QualityReport,
  RatingFigures,
  SurveyReport,
} from './quality-report';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const INTL_LOCALE: Record<ReportLocale, string> = { it: 'it-IT', en: 'en-GB' };

/** How a figure reads: a count, hours, a share of 1 (as %), a mean score, or points (NPS). */
type Unit = 'count' | 'hours' | 'share' | 'score' | 'points';

class Formatter {
  private readonly locale: string;
  constructor(
    readonly lang: ReportLocale,
    private readonly timeZone: string
  ) {
    this.locale = INTL_LOCALE[lang];
  }

  private number(x: number, digits: number, signed = false): string {
    return new Intl.NumberFormat(this.locale, {
      maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    }).format(x);
  }

  value(x: number | null, unit: Unit): string {
    if (x == null) return '–';
    switch (unit) {
      case 'count':
        return this.number(x, 0);
      case 'hours':
        return `${this.number(x, 1)} ${TEXTS[this.lang].hours}`;
      case 'share':
        return new Intl.NumberFormat(this.locale, {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(x);
      case 'score':
        return this.number(x, 2);
      case 'points':
        return this.number(x, 1);
    }
  }

  /** The change, with the relative change for amounts; shares move by percentage points. */
  change(c: Comparison, unit: Unit): string {
    if (c.change == null) return '–';
    if (unit === 'share') return `${this.number(c.change * 100, 1, true)} p.p.`;
    const abs = unit === 'count' ? this.number(c.change, 0, true) : this.number(c.change, 2, true);
    if (c.relativeChange == null || unit === 'points') return abs;
    const rel = new Intl.NumberFormat(this.locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(c.relativeChange);
    return `${abs} (${rel})`;
  }

  date(iso: string): string {
    const text = new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
    return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
  }

  instant(iso: string): string {
    const text = new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: this.timeZone,
    }).format(new Date(iso));
    return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
  }
}

const CSS = `
  :root { color-scheme: light; }
  body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
         color: #1a1a1a; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #06c; padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; break-inside: avoid; }
  caption { text-align: left; font-weight: 600; padding: .3rem 0; }
  th, td { border: 1px solid #bbb; padding: .25rem .5rem; vertical-align: top; }
  thead th { background: #e8eef6; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tbody th { font-weight: normal; text-align: left; }
  tfoot th, tfoot td { font-weight: 600; }
  tfoot th { text-align: left; }
  p.note { color: #444; font-size: .9rem; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
`;

type Cell = { text: string; numeric?: boolean };
const td = (c: Cell) => `<td${c.numeric ? ' class="n"' : ''}>${escapeHtml(c.text)}</td>`;
const rowHeader = (text: string) => `<th scope="row">${escapeHtml(text)}</th>`;
const colHeader = (text: string, numeric = false) =>
  `<th scope="col"${numeric ? ' class="n"' : ''}>${escapeHtml(text)}</th>`;

function table(caption: string, head: string[], body: string[], foot?: string): string {
  const [first, ...rest] = head;
  return [
    '<table>',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${colHeader(first)}${rest.map((h) => colHeader(h, true)).join('')}</tr></thead>`,
    `<tbody>${body.map((r) => `<tr>${r}</tr>`).join('')}</tbody>`,
    foot ? `<tfoot><tr>${foot}</tr></tfoot>` : '',
    '</table>',
  ].join('');
}

class Renderer {
  private readonly t: (typeof TEXTS)[ReportLocale];
  private readonly f: Formatter;

  constructor(
    private readonly report: QualityReport,
    timeZone: string
  ) {
    this.t = TEXTS[report.locale];
    this.f = new Formatter(report.locale, timeZone);
  }

  /** Cases by one dimension: count and share in the period, the previous count, the change. */
  private counts(caption: string, dimension: string, rows: CountRow[], total = true): string {
    const { t, f } = this;
    if (!rows.length) return `<p class="note">${escapeHtml(caption)}: ${escapeHtml(t.none)}</p>`;
    const body = rows.map((r) =>
      [
        rowHeader(r.label),
        td({ text: f.value(r.current, 'count'), numeric: true }),
        td({ text: f.value(r.share, 'share'), numeric: true }),
        td({ text: f.value(r.previous, 'count'), numeric: true }),
        td({ text: f.change(r, 'count'), numeric: true }),
      ].join('')
    );
    const sum = (p: 'current' | 'previous') => rows.reduce((n, r) => n + r[p], 0);
    const foot = total
      ? [
          rowHeader(t.total),
          td({ text: f.value(sum('current'), 'count'), numeric: true }),
          td({ text: '' }),
          td({ text: f.value(sum('previous'), 'count'), numeric: true }),
          td({ text: '' }),
        ].join('')
      : undefined;
    return table(caption, [dimension, t.current, t.share, t.previous, t.change], body, foot);
  }

  /** Measures of the period against the previous one. */
  private measures(caption: string, rows: [string, Comparison | null, Unit][]): string {
    const { t, f } = this;
    const body = rows.flatMap(([label, c, unit]) =>
      c
        ? [
            [
              rowHeader(label),
              td({ text: f.value(c.current, unit), numeric: true }),
              td({ text: f.value(c.previous, unit), numeric: true }),
              td({ text: f.change(c, unit), numeric: true }),
            ].join(''),
          ]
        : []
    );
    return table(caption, [t.metric, t.current, t.previous, t.change], body);
  }

  private ratings(caption: string, r: RatingFigures): string {
    const { t } = this;
    return this.measures(caption, [
      [t.ratingCount, r.count, 'count'],
      [t.meanScore, r.meanScore, 'score'],
      [t.lowShare, r.lowShare, 'share'],
    ]);
  }

  private kind(k: KindReport): string {
    const { t } = this;
    const rt = k.responseTimes;
    const of = (what: string) => `${k.label} ${what}`;
    return [
      `<section><h2>${escapeHtml(k.label)}</h2>`,
      this.counts(of(t.byChannel), t.channel, k.byChannel),
      this.counts(of(t.byTopic), t.topic, k.byTopic),
      this.counts(of(t.byOffice), t.office, k.byOffice),
      this.counts(of(t.byState), t.state, k.byState),
      k.byOutcome ? this.counts(of(t.byOutcome), t.outcome, k.byOutcome) : '',
      this.measures(`${k.label}: ${t.responseTimes}`, [
        [t.firstResponses, rt.firstResponses, 'count'],
        [t.medianFirstResponseHours, rt.medianFirstResponseHours, 'hours'],
        [t.resolved, rt.resolved, 'count'],
        [t.resolvedWithDueDate, rt.resolvedWithDueDate, 'count'],
        [t.resolvedOnTime, rt.resolvedOnTime, 'count'],
        [t.onTimeShare, rt.onTimeShare, 'share'],
        [t.medianResolutionHours, rt.medianResolutionHours, 'hours'],
      ]),
      this.ratings(`${k.label}: ${t.ratings}`, k.ratings),
      '</section>',
    ].join('');
  }

  private survey(s: SurveyReport): string {
    const { t } = this;
    const rows: [string, Comparison | null, Unit][] = [[t.responses, s.responses, 'count']];
    for (const q of s.questions) {
      rows.push(
        [`${q.label}: ${t.mean}`, q.mean, 'score'],
        [`${q.label}: ${t.dissatisfiedShare}`, q.dissatisfiedShare, 'share'],
        [`${q.label}: ${t.nps}`, q.nps, 'points'],
        [`${q.label}: ${t.netScore}`, q.netScore, 'points']
      );
    }
    const note = s.truncated ? `<p class="note">${escapeHtml(t.truncated)}</p>` : '';
    return `<h3>${escapeHtml(s.title)}</h3>${this.measures(s.title, rows)}${note}`;
  }

  private topTopics(): string {
    const { t, f } = this;
    const rows = this.report.topComplaintTopics;
    if (!rows.length) {
      return `<p class="note">${escapeHtml(`${t.topComplaintTopics}: ${t.none}`)}</p>`;
    }
    const body = rows.map((r, i) =>
      [
        rowHeader(`${i + 1}. ${r.label}`),
        td({ text: f.value(r.current, 'count'), numeric: true }),
        td({ text: f.value(r.share, 'share'), numeric: true }),
        td({ text: f.value(r.previous, 'count'), numeric: true }),
        td({ text: f.change(r, 'count'), numeric: true }),
      ].join('')
    );
    return table(
      t.topComplaintTopics,
      [`${t.rank}, ${t.topic}`, t.current, t.share, t.previous, t.change],
      body
    );
  }

  private header(): string {
    const { t, f, report: r } = this;
    const range = (p: { from: string; to: string }) => `${f.date(p.from)} – ${f.date(p.to)}`;
    const offices = r.offices
      ? escapeHtml(r.offices.map((o) => o.name).join(', '))
      : escapeHtml(t.wholeCity);
    return [
      `<header><h1>${escapeHtml(t.title)}</h1><dl>`,
      `<dt>${escapeHtml(t.period)}</dt><dd>${range(r.period)}</dd>`,
      `<dt>${escapeHtml(t.previousPeriod)}</dt><dd>${range(r.previousPeriod)}</dd>`,
      `<dt>${escapeHtml(t.scope)}</dt><dd>${offices}</dd>`,
      `<dt>${escapeHtml(t.generatedAt)}</dt><dd>${f.instant(r.generatedAt)}</dd>`,
      '</dl></header>',
    ].join('');
  }

  render(): string {
    const { t, report: r } = this;
    const title = `${t.title} (${r.period.from} – ${r.period.to})`;
    const surveys = r.satisfaction.surveys.length
      ? r.satisfaction.surveys.map((s) => this.survey(s)).join('')
      : `<p class="note">${escapeHtml(t.noSurveys)}</p>`;
    return [
      '<!DOCTYPE html>',
      `<html lang="${r.locale}">`,
      '<head><meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title>`,
      `<style>${CSS}</style></head>`,
      '<body>',
      this.header(),
      `<main><section><h2>${escapeHtml(t.summary)}</h2>`,
      this.counts(t.receivedByKind, t.kind, r.received.byKind),
      this.counts(t.receivedByChannel, t.channel, r.received.byChannel),
      this.topTopics(),
      '</section>',
      ...r.kinds.map((k) => this.kind(k)),
      `<section><h2>${escapeHtml(t.satisfaction)}</h2>`,
      this.ratings(t.ratings, r.satisfaction.ratings),
      `<h3>${escapeHtml(t.surveys)}</h3>`,
      surveys,
      '</section></main>',
      `<footer><p class="note">${escapeHtml(t.method)}</p></footer>`,
      '</body></html>',
      '',
    ].join('\n');
  }
}

/** The report as one HTML document; instants are shown in `timeZone` (the city's). */
export function renderQualityReportHtml(
  report: QualityReport,
  timeZone: string = DEFAULT_TIME_ZONE
): string {
  return new Renderer(report, timeZone).render();
}
