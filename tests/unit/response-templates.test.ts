import {
  PLACEHOLDERS,
  placeholdersIn,
  rankTemplates,
  renderTemplate,
  specificity,
  templateFits,
  templateProblems,
  unknownPlaceholders,
  type CaseFacts,
  type TemplateRule,
} from '../../src/domain/response-templates';
import { renderTemplate as renderEmail } from '../../src/notifications/templates';
import { responseTemplates } from '../../src/seed/data/response-templates';

const values = {
  referenceCode: 'SEG-2026-000123',
  citizenName: 'Maria Rossi',
  office: 'Manutenzione strade',
  dueDate: '17/03/2026',
  status: 'presa in carico',
  topic: 'Buche e manto stradale',
  trackingUrl: 'https://www.comune.pisa.example/segnalazioni/SEG-2026-000123',
  cityName: 'Pisa',
};

describe('placeholders', () => {
  it('are found with or without spaces inside the braces, each once, in order', () => {
    expect(placeholdersIn('{{ referenceCode }} {{citizenName}} {{referenceCode}}')).toEqual([
      'referenceCode',
      'citizenName',
    ]);
  });

  it('unknown names are told apart; malformed braces are plain text', () => {
    expect(unknownPlaceholders('{{referenceCode}} {{nome}} {{ dueDate}} {{ office')).toEqual([
      'nome',
    ]);
    expect(placeholdersIn('{ referenceCode } {{}} {{1abc}}')).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills every known placeholder', () => {
    const body = PLACEHOLDERS.map((p) => `{{${p}}}`).join('|');
    const out = renderTemplate(body, values);
    expect(out.text).toBe(PLACEHOLDERS.map((p) => values[p]).join('|'));
    expect(out).toMatchObject({ missing: [], unknown: [] });
  });

  it('leaves unknown placeholders visible, as written, and names them', () => {
    const out = renderTemplate('Pratica {{referenceCode}} di {{ nomeCittadino }}', values);
    expect(out.text).toBe('Pratica SEG-2026-000123 di {{ nomeCittadino }}');
    expect(out.unknown).toEqual(['nomeCittadino']);
  });

  it('renders a known placeholder without a value as nothing, and names it missing', () => {
    const out = renderTemplate('Gentile {{citizenName}}, entro il {{dueDate}}.', {
      ...values,
      citizenName: null,
      dueDate: '  ',
    });
    expect(out.text).toBe('Gentile , entro il .');
    expect(out.missing).toEqual(['citizenName', 'dueDate']);
  });

  it('inserts values literally: no second pass on a value that looks like a placeholder', () => {
    const out = renderTemplate('{{citizenName}} / {{office}}', {
      citizenName: '{{office}} $& $1',
      office: 'URP',
    });
    expect(out.text).toBe('{{office}} $& $1 / URP');
  });

  it('is plain text: the email that carries it escapes a value for HTML', () => {
    const { text } = renderTemplate('Gentile {{citizenName}}, pratica {{referenceCode}}.', {
      ...values,
      citizenName: '<script>alert(1)</script> & Co',
    });
    expect(text).toContain('<script>');
    const mail = renderEmail('case_status_changed', 'it', {
      code: values.referenceCode,
      kind: 'report',
      cityName: 'Pisa',
      status: 'triaged',
      message: text,
    });
    expect(mail.text).toContain('<script>alert(1)</script> & Co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });
});

describe('templateProblems (checked on save)', () => {
  it('refuses an unknown placeholder, naming the field and the known ones', () => {
    const problems = templateProblems({ kind: 'any', bodyIt: 'Ciao {{nome}}', bodyEn: 'Hi' });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('bodyIt');
    expect(problems[0].message).toContain('{{nome}}');
    expect(problems[0].message).toContain('{{citizenName}}');
    expect(templateProblems({ bodyEn: '{{a}} {{b}}' })[0]).toMatchObject({ field: 'bodyEn' });
  });

  it("refuses a state the kind's lifecycle does not have", () => {
    expect(templateProblems({ kind: 'report', state: 'answered' })).toEqual([
      expect.objectContaining({ field: 'state' }),
    ]);
    expect(templateProblems({ kind: 'request', state: 'in_progress' })[0].field).toBe('state');
    expect(templateProblems({ kind: 'complaint', state: 'answered' })).toEqual([]);
    expect(templateProblems({ kind: 'any', state: 'answered' })).toEqual([]);
  });

  it('accepts every demo template of the seed, in both languages', () => {
    for (const t of responseTemplates) {
      expect(
        templateProblems({ kind: t.kind, state: t.state, bodyIt: t.body.it, bodyEn: t.body.en })
      ).toEqual([]);
      expect(t.body.it.trim()).not.toBe('');
      expect(t.body.en.trim()).not.toBe('');
    }
  });
});

describe('which templates fit a case', () => {
  const rule = (name: string, r: Partial<TemplateRule>) => ({
    name,
    kind: 'any' as const,
    topic: null,
    state: null,
    active: true,
    ...r,
  });
  const report: CaseFacts = { kind: 'report', topic: 'topic-potholes', state: 'triaged' };
  const all = [
    rule('generic', {}),
    rule('reports', { kind: 'report' }),
    rule('triaged', { state: 'triaged' }),
    rule('potholes', { kind: 'report', topic: 'topic-potholes' }),
    rule('potholes triaged', { kind: 'report', topic: 'topic-potholes', state: 'triaged' }),
    rule('lights', { kind: 'report', topic: 'topic-lights' }),
    rule('resolved', { kind: 'report', state: 'resolved' }),
    rule('requests', { kind: 'request' }),
    rule('switched off', { kind: 'report', active: false }),
  ];

  it('kind, topic and state must match when the template sets them; inactive never fit', () => {
    expect(all.filter((t) => templateFits(t, report)).map((t) => t.name)).toEqual([
      'generic',
      'reports',
      'triaged',
      'potholes',
      'potholes triaged',
    ]);
  });

  it('most specific first: topic, then state, then kind; ties by name', () => {
    expect(rankTemplates(all, report).map((t) => t.name)).toEqual([
      'potholes triaged',
      'potholes',
      'triaged',
      'reports',
      'generic',
    ]);
    const twins = [rule('b', { kind: 'report' }), rule('a', { kind: 'report' })];
    expect(rankTemplates(twins, report).map((t) => t.name)).toEqual(['a', 'b']);
    expect(specificity(rule('x', { topic: 't' }))).toBeGreaterThan(
      specificity(rule('y', { kind: 'report', state: 'triaged' }))
    );
  });

  it('a case without a topic gets only templates for any topic', () => {
    const noTopic: CaseFacts = { kind: 'report', topic: null, state: 'triaged' };
    expect(rankTemplates(all, noTopic).map((t) => t.name)).toEqual([
      'triaged',
      'reports',
      'generic',
    ]);
  });
});
