import { ANSWERABLE_STATUSES, REPORT_STATUSES } from '../../src/domain/lifecycle';
import {
  CASE_TEMPLATE_NAMES,
  escapeHtml,
  formatDate,
  renderTemplate,
  statusLabel,
  TEMPLATE_NAMES,
  type CaseTemplateName,
  type Locale,
  type OfficeDigestData,
  type RenderedMessage,
  type TemplateData,
  type TemplateName,
} from '../../src/notifications/templates';

const LOCALES: Locale[] = ['it', 'en'];

const LINKS = {
  trackingUrl: 'https://urp.comune.pisa.it/segui?code=SEG-2026-000123&lang=it',
  replyUrl: 'https://urp.comune.pisa.it/rispondi/3f9a2c?t=abc&x=1',
  ratingUrl: 'https://urp.comune.pisa.it/valuta/SEG-2026-000123?s=1&t=2',
  adminUrl: 'https://admin.comune.pisa.it/admin/content-manager/report/abc?x=1&y=2',
};

/** The links each template is expected to carry. */
const TEMPLATE_LINKS: Record<CaseTemplateName, Array<keyof typeof LINKS>> = {
  case_confirm: ['replyUrl'],
  case_received: ['trackingUrl', 'replyUrl'],
  case_status_changed: ['trackingUrl', 'replyUrl'],
  case_answered: ['trackingUrl', 'replyUrl'],
  case_more_info: ['replyUrl', 'trackingUrl'],
  case_closed: ['ratingUrl', 'trackingUrl'],
  emergency_alert: ['adminUrl'],
  assignee_notice: ['adminUrl'],
  deadline_reminder: ['adminUrl'],
  case_escalated: ['adminUrl'],
  escalation_courtesy: ['trackingUrl', 'replyUrl'],
  rating_invitation: ['ratingUrl'],
  rating_review: ['adminUrl'],
};

const full: TemplateData = {
  code: 'SEG-2026-000123',
  kind: 'report',
  cityName: 'Pisa',
  ...LINKS,
  topicName: 'Buche stradali',
  officeName: 'Ufficio Manutenzioni',
  status: 'in_progress',
  previousStatus: 'assigned',
  dueAt: '2026-03-17T22:59:59.999Z',
  answer: 'La buca è stata riparata.',
  message: 'Servono due foto.',
  masterCode: 'SEG-2026-000100',
  address: 'Via Roma 1',
  latitude: 43.716667,
  longitude: 10.4,
  description: 'Una buca profonda',
  emergencyNumber: '112',
};

const minimal: TemplateData = { code: 'RIC-2026-000042', kind: 'request', cityName: 'Pisa' };

const all = (m: RenderedMessage) => [m.subject, m.text, m.html];

describe('renderTemplate: every case template in both locales', () => {
  const cases = CASE_TEMPLATE_NAMES.flatMap((name) =>
    LOCALES.map((locale) => [name, locale] as const)
  );

  it.each(cases)('%s (%s) carries the code and its links', (name, locale) => {
    const m = renderTemplate(name, locale, full);
    for (const part of all(m)) expect(part).toContain(full.code);
    expect(m.subject.startsWith('[Comune di Pisa] ')).toBe(true);
    for (const key of TEMPLATE_LINKS[name]) {
      expect(m.text).toContain(LINKS[key]);
      expect(m.html).toContain(`href="${escapeHtml(LINKS[key])}"`);
    }
  });

  it.each(CASE_TEMPLATE_NAMES)('%s differs between Italian and English', (name) => {
    const it = renderTemplate(name, 'it', full);
    const en = renderTemplate(name, 'en', full);
    expect(it.subject).not.toBe(en.subject);
    expect(it.text).not.toBe(en.text);
    expect(it.html).not.toBe(en.html);
    expect(it.html).toContain('<html lang="it">');
    expect(en.html).toContain('<html lang="en">');
  });

  it.each(cases)(
    '%s (%s) prints no undefined/null when optional data is absent',
    (name, locale) => {
      const nulls = {
        ...minimal,
        topicName: null,
        dueAt: null,
        latitude: null,
        trackingUrl: '  ',
      } as unknown as TemplateData;
      for (const data of [minimal, nulls]) {
        const m = renderTemplate(name, locale, data);
        for (const part of all(m)) {
          expect(part).toContain(minimal.code);
          expect(part).not.toMatch(/undefined|null|NaN|Invalid Date/);
        }
        expect(m.html).not.toContain('href=');
      }
    }
  );

  it('uses the example subjects, with Italian agreement', () => {
    const report = { ...full, masterCode: undefined };
    expect(renderTemplate('case_received', 'it', report).subject).toBe(
      '[Comune di Pisa] Segnalazione SEG-2026-000123 ricevuta'
    );
    expect(renderTemplate('case_received', 'en', report).subject).toBe(
      '[Comune di Pisa] Report SEG-2026-000123 received'
    );
    const complaint = { ...minimal, code: 'REC-2026-000007', kind: 'complaint' as const };
    expect(renderTemplate('case_received', 'it', complaint).subject).toBe(
      '[Comune di Pisa] Reclamo REC-2026-000007 ricevuto'
    );
    expect(renderTemplate('case_closed', 'it', complaint).subject).toBe(
      '[Comune di Pisa] Reclamo REC-2026-000007 chiuso'
    );
    expect(renderTemplate('case_answered', 'it', minimal).subject).toBe(
      '[Comune di Pisa] Risposta alla richiesta RIC-2026-000042'
    );
  });

  it('keeps a city name that already says Comune', () => {
    const m = renderTemplate('case_received', 'it', { ...minimal, cityName: 'Comune di Pisa' });
    expect(m.subject).toMatch(/^\[Comune di Pisa\] /);
  });
});

describe('template content', () => {
  it('mentions the master code of a merged duplicate', () => {
    for (const locale of LOCALES) {
      const m = renderTemplate('case_received', locale, full);
      expect(m.text).toContain('SEG-2026-000100');
      expect(m.html).toContain('SEG-2026-000100');
    }
    expect(
      renderTemplate('case_received', 'it', { ...full, masterCode: undefined }).text
    ).not.toContain('SEG-2026-000100');
  });

  it('labels the new and previous status', () => {
    const it = renderTemplate('case_status_changed', 'it', full);
    expect(it.subject).toContain('in lavorazione');
    expect(it.text).toContain("Stato precedente: assegnata all'ufficio competente");
    const en = renderTemplate('case_status_changed', 'en', full);
    expect(en.subject).toContain('in progress');
  });

  it('includes the answer text', () => {
    for (const locale of LOCALES) {
      const m = renderTemplate('case_answered', locale, { ...minimal, answer: 'Riga 1\nRiga 2' });
      expect(m.text).toContain('Riga 1\nRiga 2');
      expect(m.html).toContain('Riga 1<br>Riga 2');
    }
  });

  it('tells requests and complaints that the 30-day clock is suspended', () => {
    const data = { ...minimal, replyUrl: LINKS.replyUrl };
    expect(renderTemplate('case_more_info', 'it', data).text).toMatch(/30 giorni.*sospeso/);
    expect(renderTemplate('case_more_info', 'en', data).text).toMatch(/30-day .*suspended/);
  });

  it('invites to rate on closure only when there is a rating link', () => {
    expect(renderTemplate('case_closed', 'en', full).text).toContain('rate the service');
    expect(renderTemplate('case_closed', 'en', minimal).text).not.toContain('rate the service');
  });

  it('alerts the emergency contacts with place and problem, in red', () => {
    const m = renderTemplate('emergency_alert', 'it', full);
    expect(m.subject).toBe(
      '[Comune di Pisa] EMERGENZA – Segnalazione SEG-2026-000123 – Buche stradali'
    );
    for (const part of [m.text, m.html]) {
      expect(part).toContain('Via Roma 1');
      expect(part).toContain('43.716667, 10.400000');
      expect(part).toContain('Una buca profonda');
      expect(part).toContain('112');
    }
    expect(m.html).toContain(
      'href="https://www.openstreetmap.org/?mlat=43.716667&amp;mlon=10.400000'
    );
  });

  it('tells the assignee whether the case was assigned or the citizen replied', () => {
    const assigned = renderTemplate('assignee_notice', 'en', full);
    expect(assigned.subject).toContain('assigned');
    const replied = renderTemplate('assignee_notice', 'en', { ...full, event: 'citizen_replied' });
    expect(replied.subject).toContain('the citizen has replied');
    expect(replied.text).toContain("Citizen's message:\nServono due foto.");
  });
});

describe('HTML safety', () => {
  const hostile = {
    ...full,
    description: '<script>alert("x")</script> Tom & Jerry',
    topicName: 'Strade & <b>marciapiedi</b>',
  };

  it.each(LOCALES)('escapes interpolated values (%s)', (locale) => {
    for (const name of CASE_TEMPLATE_NAMES) {
      const m = renderTemplate(name, locale, hostile);
      expect(m.html).not.toContain('<script>');
      expect(m.html).not.toContain('<b>marciapiedi');
      expect(m.html).toContain('Strade &amp; &lt;b&gt;marciapiedi&lt;/b&gt;');
    }
    const alert = renderTemplate('emergency_alert', locale, hostile);
    expect(alert.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry'
    );
    expect(alert.text).toContain('<script>alert("x")</script> Tom & Jerry');
  });

  it('links only http(s) URLs', () => {
    const m = renderTemplate('case_received', 'it', {
      ...minimal,
      trackingUrl: 'javascript:alert(1)',
    });
    expect(m.html).not.toContain('href=');
    expect(m.html).toContain('javascript:alert(1)');
  });

  it('escapes all five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
    );
  });

  it('keeps subjects on one line', () => {
    const m = renderTemplate('emergency_alert', 'en', { ...full, topicName: 'Roads\r\nBcc: x@y' });
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});

describe('dates', () => {
  it('formats a due date in Europe/Rome', () => {
    expect(formatDate('2026-03-17T22:59:59.999Z', 'it')).toBe('17 marzo 2026');
    expect(formatDate('2026-03-17T22:59:59.999Z', 'en')).toBe('17 March 2026');
    // 23:30 UTC on 17 March is already 18 March in Rome.
    expect(formatDate('2026-03-17T23:30:00Z', 'it')).toBe('18 marzo 2026');
    expect(formatDate('not a date', 'it')).toBeUndefined();
  });

  it('shows the due date in the messages', () => {
    expect(renderTemplate('case_status_changed', 'it', full).text).toContain('17 marzo 2026');
    expect(renderTemplate('case_status_changed', 'en', full).html).toContain('17 March 2026');
    expect(renderTemplate('assignee_notice', 'it', full).text).toContain(
      '17 marzo 2026, ore 23:59'
    );
  });
});

describe('statusLabel', () => {
  const kinds = [
    ['report', REPORT_STATUSES],
    ['request', ANSWERABLE_STATUSES],
    ['complaint', ANSWERABLE_STATUSES],
  ] as const;

  it.each(kinds)('labels every %s status in both locales', (kind, statuses) => {
    for (const status of statuses) {
      const it = statusLabel(kind, status, 'it');
      const en = statusLabel(kind, status, 'en');
      // An unknown status falls back to its own name: an Italian label differs from it.
      expect(it).not.toBe(status.replace(/_/g, ' '));
      expect(en.length).toBeGreaterThan(0);
      expect(en).not.toBe(it);
      expect(`${it} ${en}`).not.toContain('_');
    }
  });

  it('uses natural labels, agreeing in Italian with the noun', () => {
    expect(statusLabel('report', 'in_progress', 'it')).toBe('in lavorazione');
    expect(statusLabel('report', 'in_progress', 'en')).toBe('in progress');
    expect(statusLabel('request', 'closed', 'it')).toBe('chiusa');
    expect(statusLabel('complaint', 'closed', 'it')).toBe('chiuso');
  });

  it('shows an unknown status by its readable name', () => {
    expect(statusLabel('report', 'on_hold', 'en')).toBe('on hold');
  });
});

describe('fallbacks', () => {
  it('renders an unknown locale in Italian', () => {
    const fr = renderTemplate('case_received', 'fr' as Locale, minimal);
    expect(fr).toEqual(renderTemplate('case_received', 'it', minimal));
  });

  it('throws on an unknown template', () => {
    expect(() => renderTemplate('nope' as TemplateName, 'it', minimal)).toThrow(/Unknown/);
  });
});

describe('deadline engine messages', () => {
  const data: TemplateData = {
    ...full,
    kind: 'complaint',
    code: 'REC-2026-000007',
    status: 'assigned',
    dueAt: '2026-04-01T21:59:59.999Z',
    firstResponseDueAt: '2026-03-05T22:59:59.999Z',
    targetName: 'Nucleo di valutazione',
    expiresAt: '2026-05-01T10:00:00.000Z',
  };

  it('a reminder names the due date, a first-response notice its target', () => {
    const reminder = renderTemplate('deadline_reminder', 'it', data);
    expect(reminder.subject).toContain(
      'Promemoria: reclamo REC-2026-000007 in scadenza il 1 aprile 2026'
    );
    const first = renderTemplate('deadline_reminder', 'en', { ...data, step: 'first_response' });
    expect(first.subject).toContain('no first response');
    expect(first.text).toContain('First response expected by');
    expect(reminder.text).not.toContain('Prima risposta attesa');
  });

  it('an escalation says its level and who now follows the case', () => {
    const one = renderTemplate('case_escalated', 'it', { ...data, level: 1 });
    expect(one.subject).toContain('livello 1');
    expect(one.text).toContain('Ora seguita da: Nucleo di valutazione');
    expect(one.text).toContain('organismo di controllo');
    const two = renderTemplate('case_escalated', 'en', { ...data, level: 2 });
    expect(two.subject).toContain('level 2');
    expect(two.text).toContain('management');
  });

  it('the courtesy message apologises and names who follows the case, in both languages', () => {
    const it = renderTemplate('escalation_courtesy', 'it', data);
    expect(it.text).toContain('non è stato concluso entro il termine previsto (1 aprile 2026)');
    expect(it.text).toContain('seguita anche da Nucleo di valutazione');
    const en = renderTemplate('escalation_courtesy', 'en', data);
    expect(en.text).toContain('now also followed by Nucleo di valutazione');
  });

  it('the rating invitation is single-use and says until when', () => {
    const it = renderTemplate('rating_invitation', 'it', data);
    expect(it.text).toContain('vale per una sola valutazione, fino al 1 maggio 2026');
    expect(it.text).toContain(LINKS.ratingUrl);
    const en = renderTemplate('rating_invitation', 'en', data);
    expect(en.subject).toContain('How did it go?');
    expect(en.text).not.toContain('questionnaire');
  });

  it('the rating invitation carries the survey link when a survey fits the case', () => {
    const surveyUrl = 'https://www.comune.pisa.example/questionari/qualita?invito=abc&x=1';
    const it = renderTemplate('rating_invitation', 'it', { ...data, surveyUrl });
    expect(it.text).toContain('breve questionario');
    expect(it.text).toContain(surveyUrl);
    expect(it.html).toContain(`href="${escapeHtml(surveyUrl)}"`);
    const en = renderTemplate('rating_invitation', 'en', { ...data, surveyUrl });
    expect(en.text).toContain('short questionnaire');
  });

  it('a low rating goes to the control body with the score, the comment and whether it reopened', () => {
    const review = { ...data, score: 2, message: 'Buca <ancora> aperta', reopened: true };
    const it = renderTemplate('rating_review', 'it', review);
    expect(it.subject).toContain('Valutazione bassa');
    expect(it.subject).toContain('2 su 5');
    expect(it.text).toContain('è stata riaperta');
    expect(it.html).toContain('Buca &lt;ancora&gt; aperta');
    const en = renderTemplate('rating_review', 'en', { ...review, reopened: false });
    expect(en.subject).toContain('2 out of 5');
    expect(en.text).not.toContain('reopened');
  });
});

describe('office_digest', () => {
  const caseUrl = (code: string) => `https://admin.comune.pisa.it/admin/cases/${code}?a=1&b=2`;
  const digest: OfficeDigestData = {
    cityName: 'Pisa',
    officeName: 'Manutenzione strade',
    date: '2026-03-02',
    since: '2026-02-27T06:00:00.000Z',
    dueSoonDays: 3,
    adminUrl: LINKS.adminUrl,
    sections: {
      emergencies: {
        count: 1,
        items: [
          {
            code: 'SEG-2026-000001',
            kind: 'report',
            emergency: true,
            dueAt: '2026-03-02T10:30:00.000Z',
            url: caseUrl('SEG-2026-000001'),
          },
        ],
      },
      overdue: {
        count: 12,
        items: [
          {
            code: 'REC-2026-000002',
            kind: 'complaint',
            dueAt: '2026-02-20T22:59:59.999Z',
            url: caseUrl('REC-2026-000002'),
          },
        ],
      },
      dueSoon: { count: 0, items: [] },
      new: {
        count: 2,
        items: [
          { code: 'RIC-2026-000003', kind: 'request', url: caseUrl('RIC-2026-000003') },
          { code: 'SEG-2026-000001', kind: 'report', emergency: true },
        ],
      },
    },
  };

  it('is one of the templates', () => {
    expect(TEMPLATE_NAMES).toContain('office_digest');
  });

  it('says the office and the date in the subject, in both languages', () => {
    expect(renderTemplate('office_digest', 'it', digest).subject).toBe(
      '[Comune di Pisa] Riepilogo giornaliero del 2 marzo 2026 – Manutenzione strade'
    );
    expect(renderTemplate('office_digest', 'en', digest).subject).toBe(
      '[Comune di Pisa] Daily digest for 2 March 2026 – Manutenzione strade'
    );
  });

  it('counts every section, and names the period of the new ones and the due-soon horizon', () => {
    const it = renderTemplate('office_digest', 'it', digest);
    expect(it.text).toContain('Emergenze aperte: 1');
    expect(it.text).toContain('Pratiche scadute: 12');
    expect(it.text).toContain('In scadenza entro 3 giorni: 0');
    expect(it.text).toContain('Nuove pratiche dal 27 febbraio 2026, ore 07:00: 2');
    const en = renderTemplate('office_digest', 'en', digest);
    expect(en.text).toContain('Open emergencies: 1');
    expect(en.text).toContain('Overdue cases: 12');
    expect(en.text).toContain('Due within 3 days: 0');
    expect(en.text).toContain('New cases since 27 February 2026, 07:00: 2');
  });

  it.each(LOCALES)('lists the codes of the non-empty sections with their links (%s)', (locale) => {
    const m = renderTemplate('office_digest', locale, digest);
    for (const code of ['SEG-2026-000001', 'REC-2026-000002', 'RIC-2026-000003']) {
      expect(m.text).toContain(`- ${code} (`);
      expect(m.text).toContain(caseUrl(code));
      expect(m.html).toContain(`href="${escapeHtml(caseUrl(code))}"`);
      expect(m.html).toContain(`>${code}</a>`);
    }
    // The emergency listed without a link is still listed, as plain text.
    expect(m.html).toMatch(/<li>SEG-2026-000001 \(/);
    expect(m.text).toContain(LINKS.adminUrl);
    expect(m.html).toContain(`href="${escapeHtml(LINKS.adminUrl)}"`);
    // The empty section is counted in the summary but has no list.
    expect(m.text.match(/\(0\):/g)).toBeNull();
    expect(m.html).toContain(`<html lang="${locale}">`);
  });

  it('lists most urgent sections first, with details, and says how many are not listed', () => {
    const m = renderTemplate('office_digest', 'it', digest);
    const order = [
      'Emergenze aperte (1):',
      'Pratiche scadute (12):',
      'Nuove pratiche dal 27 febbraio 2026, ore 07:00 (2):',
    ].map((title) => m.text.indexOf(title));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(m.text).toContain(
      '- SEG-2026-000001 (segnalazione, emergenza, scadenza 2 marzo 2026, ore 11:30)'
    );
    expect(m.text).toContain('- REC-2026-000002 (reclamo, scadenza 20 febbraio 2026, ore 23:59)');
    expect(m.text).toContain('Altre pratiche non elencate: 11.');
    expect(renderTemplate('office_digest', 'en', digest).text).toContain('11 more not listed.');
  });

  it('is in red when there are emergencies, in the usual colour otherwise', () => {
    expect(renderTemplate('office_digest', 'it', digest).html).toContain('#b00020');
    const calm = { ...digest, sections: { ...digest.sections, emergencies: undefined } };
    const m = renderTemplate('office_digest', 'it', calm);
    expect(m.html).not.toContain('#b00020');
    expect(m.text).toContain('Emergenze aperte: 0');
  });

  it.each(LOCALES)('renders minimal or junk data without undefined or null (%s)', (locale) => {
    const junk = {
      cityName: 'Pisa',
      date: '2026-03-02',
      officeName: null,
      since: null,
      dueSoonDays: 'x',
      sections: { overdue: { count: 2, items: [null, { code: '' }, { code: 'X', kind: 'y' }] } },
    } as unknown as OfficeDigestData;
    for (const data of [{ cityName: 'Pisa', date: '2026-03-02' } as OfficeDigestData, junk]) {
      const m = renderTemplate('office_digest', locale, data);
      for (const part of all(m)) expect(part).not.toMatch(/undefined|null|NaN|Invalid Date/);
    }
    const m = renderTemplate('office_digest', locale, junk);
    expect(m.text).toMatch(/: 2\n/);
    expect(m.html).not.toContain('href=');
  });

  it('refuses a digest without a valid date', () => {
    expect(() => renderTemplate('office_digest', 'it', { ...digest, date: '2026-02-30x' })).toThrow(
      /date/
    );
  });

  it('escapes the office name and links only http(s) URLs', () => {
    const m = renderTemplate('office_digest', 'en', {
      ...digest,
      officeName: 'Strade & <b>ponti</b>',
      sections: {
        overdue: {
          count: 1,
          items: [{ code: 'SEG-2026-000009', kind: 'report', url: 'javascript:alert(1)' }],
        },
      },
    });
    expect(m.html).toContain('Strade &amp; &lt;b&gt;ponti&lt;/b&gt;');
    expect(m.html).not.toContain('<b>ponti');
    expect(m.html).not.toContain('href="javascript');
    expect(m.subject).toContain('Strade & <b>ponti</b>');
  });
});
