/**
 * Demo response templates (risposte predefinite), in Italian and English: a generic
 * acknowledgement, answers for a few states, and some for one topic. Placeholders are those of
 * src/domain/response-templates.ts.
 */
import type { TemplateKind } from '../../domain/response-templates';
import type { Localized } from './types';

export interface ResponseTemplateSeed {
  name: string;
  kind: TemplateKind;
  /** slug of a demo topic (src/seed/data/topics.ts) */
  topicSlug?: string;
  state?: string;
  body: Localized;
}

export const responseTemplates: ResponseTemplateSeed[] = [
  {
    name: 'Presa in carico',
    kind: 'any',
    body: {
      it:
        'Gentile {{citizenName}},\n' +
        'la sua pratica {{referenceCode}} è stata presa in carico da {{office}}. ' +
        'La risposta è prevista entro il {{dueDate}}. Può seguirne lo stato qui: {{trackingUrl}}\n' +
        "Cordiali saluti, l'Ufficio Relazioni con il Pubblico del Comune di {{cityName}}",
      en:
        'Dear {{citizenName}},\n' +
        'your case {{referenceCode}} has been taken on by {{office}}. ' +
        'We expect to answer by {{dueDate}}. You can follow it here: {{trackingUrl}}\n' +
        'Kind regards, the Public Relations Office of the City of {{cityName}}',
    },
  },
  {
    name: 'Segnalazione ricevuta, sopralluogo in programma',
    kind: 'report',
    state: 'triaged',
    body: {
      it:
        'Gentile {{citizenName}}, grazie per la segnalazione {{referenceCode}} ({{topic}}). ' +
        'Abbiamo verificato la sua segnalazione e programmato un sopralluogo; ' +
        "l'intervento è previsto entro il {{dueDate}}.",
      en:
        'Dear {{citizenName}}, thank you for report {{referenceCode}} ({{topic}}). ' +
        'We have checked it and planned an inspection; ' +
        'we expect the work to be done by {{dueDate}}.',
    },
  },
  {
    name: 'Intervento eseguito',
    kind: 'report',
    state: 'resolved',
    body: {
      it:
        'Gentile {{citizenName}}, la squadra di {{office}} ha eseguito l’intervento richiesto con la ' +
        'segnalazione {{referenceCode}}. Se il problema si ripresenta ce lo faccia sapere.',
      en:
        'Dear {{citizenName}}, the crew of {{office}} has done the work asked for in report ' +
        '{{referenceCode}}. Please let us know if the problem comes back.',
    },
  },
  {
    name: 'Buca: messa in sicurezza',
    kind: 'report',
    topicSlug: 'buche-strade',
    body: {
      it:
        'Gentile {{citizenName}}, la buca segnalata con la pratica {{referenceCode}} è stata ' +
        'transennata e messa in sicurezza; la riparazione definitiva è prevista entro il {{dueDate}}.',
      en:
        'Dear {{citizenName}}, the pothole of case {{referenceCode}} has been fenced off and made ' +
        'safe; the final repair is planned by {{dueDate}}.',
    },
  },
  {
    name: 'Lampione: guasto alla linea',
    kind: 'report',
    topicSlug: 'illuminazione-pubblica',
    state: 'in_progress',
    body: {
      it:
        'Gentile {{citizenName}}, il tecnico ha rilevato un guasto alla linea di alimentazione: ' +
        'il gestore dell’illuminazione pubblica interverrà entro il {{dueDate}} ' +
        '(pratica {{referenceCode}}).',
      en:
        'Dear {{citizenName}}, the technician found a fault in the supply line: the street ' +
        'lighting contractor will fix it by {{dueDate}} (case {{referenceCode}}).',
    },
  },
  {
    name: 'Richiesta di integrazione documenti',
    kind: 'request',
    state: 'suspended',
    body: {
      it:
        'Gentile {{citizenName}}, per rispondere alla sua richiesta {{referenceCode}} ci servono ' +
        'alcuni documenti: li può inviare rispondendo a questa email. ' +
        'Nel frattempo i termini della pratica sono sospesi.',
      en:
        'Dear {{citizenName}}, to answer your request {{referenceCode}} we need some documents: ' +
        'you can send them by replying to this email. Meanwhile the time limit of the case is ' +
        'suspended.',
    },
  },
  {
    name: 'Reclamo: esito',
    kind: 'complaint',
    state: 'answered',
    body: {
      it:
        'Gentile {{citizenName}}, abbiamo esaminato il suo reclamo {{referenceCode}} con {{office}}. ' +
        "Le comunichiamo l'esito e le misure adottate qui di seguito.",
      en:
        'Dear {{citizenName}}, we have examined your complaint {{referenceCode}} with {{office}}. ' +
        'The outcome and the measures taken follow.',
    },
  },
];
