/**
 * The demo surveys: last year's and this year's questionnaire on the registry services (the seeds'
 * "average score 8, dissatisfied under 10%"), so the console shows figures, a before/after and an
 * improvement action from the first day. Dates are days relative to the seeding day.
 */
type Text = { it: string; en: string };

export interface SurveyQuestionSeed {
  code: string;
  type: 'scale' | 'emoticon' | 'single_choice' | 'multiple_choice' | 'free_text' | 'nps';
  label: Text;
  required?: boolean;
  scaleMin?: number;
  scaleMax?: number;
  minLabel?: Text;
  maxLabel?: Text;
  options?: { key: string; label: Text }[];
  showIf?: { question: string; in: string[] };
}

export interface SurveySeed {
  slug: Text;
  title: Text;
  description: Text;
  services: string[];
  offices: string[];
  channels: string[];
  opensDaysAgo: number;
  closesInDays: number;
  responses: number;
  /** The mean score the generated answers lean to (1–10). */
  meanScore: number;
  improvement?: { title: string; office: string; questionCode: string; status: 'done' };
}

const questions: SurveyQuestionSeed[] = [
  {
    code: 'overall',
    type: 'scale',
    scaleMin: 1,
    scaleMax: 10,
    label: {
      it: 'Quanto è soddisfatto complessivamente del servizio ricevuto?',
      en: 'Overall, how satisfied are you with the service you received?',
    },
    minLabel: { it: 'Per niente', en: 'Not at all' },
    maxLabel: { it: 'Del tutto', en: 'Completely' },
  },
  {
    code: 'waiting',
    type: 'scale',
    scaleMin: 1,
    scaleMax: 10,
    label: { it: 'Come giudica i tempi di attesa?', en: 'How do you rate the waiting times?' },
  },
  {
    code: 'face',
    type: 'emoticon',
    label: { it: 'Come è andata allo sportello?', en: 'How did it go at the counter?' },
  },
  {
    code: 'issues',
    type: 'multiple_choice',
    required: false,
    label: { it: 'Che cosa non ha funzionato?', en: 'What did not work?' },
    options: [
      { key: 'waiting', label: { it: 'Attesa troppo lunga', en: 'Waiting too long' } },
      { key: 'info', label: { it: 'Informazioni poco chiare', en: 'Unclear information' } },
      { key: 'booking', label: { it: 'Prenotazione difficile', en: 'Hard to book' } },
    ],
    showIf: { question: 'face', in: ['negative', 'neutral'] },
  },
  {
    code: 'recommend',
    type: 'nps',
    required: false,
    label: {
      it: 'Quanto consiglierebbe questo servizio a un amico?',
      en: 'How likely are you to recommend this service to a friend?',
    },
  },
  {
    code: 'suggestions',
    type: 'free_text',
    required: false,
    label: { it: 'Suggerimenti', en: 'Suggestions' },
  },
];

export const surveyQuestions = questions;

export const surveys: SurveySeed[] = [
  {
    slug: { it: 'servizi-anagrafici-anno-scorso', en: 'registry-services-last-year' },
    title: {
      it: 'Qualità dei servizi anagrafici – edizione precedente',
      en: 'Quality of the registry services – previous edition',
    },
    description: {
      it: 'Tre minuti per dirci come è andata allo sportello anagrafe.',
      en: 'Three minutes to tell us how it went at the registry counter.',
    },
    services: ['carta-identita-elettronica', 'cambio-residenza'],
    offices: ['ufficio-anagrafe'],
    channels: ['web', 'counter', 'email'],
    opensDaysAgo: 400,
    closesInDays: -40,
    responses: 60,
    meanScore: 6.5,
    improvement: {
      title: "Prenotazione online degli appuntamenti per la carta d'identità",
      office: 'ufficio-anagrafe',
      questionCode: 'waiting',
      status: 'done',
    },
  },
  {
    slug: { it: 'servizi-anagrafici', en: 'registry-services' },
    title: { it: 'Qualità dei servizi anagrafici', en: 'Quality of the registry services' },
    description: {
      it: 'Tre minuti per dirci come è andata allo sportello anagrafe.',
      en: 'Three minutes to tell us how it went at the registry counter.',
    },
    services: ['carta-identita-elettronica', 'cambio-residenza'],
    offices: ['ufficio-anagrafe'],
    channels: ['web', 'counter', 'email'],
    opensDaysAgo: 30,
    closesInDays: 60,
    responses: 40,
    meanScore: 8,
  },
];
