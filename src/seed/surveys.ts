/**
 * Seeds the demo surveys (src/seed/data/surveys.ts) with generated answers and the improvement
 * action between the two editions; skips a survey whose slug is present. Answers are drawn from a
 * seeded generator, so every demo database shows the same figures.
 */
import type { Core } from '@strapi/strapi';
import { mulberry32 } from '../domain/random';
import type { Answers } from '../domain/survey-questions';
import { surveyQuestions, surveys, type SurveySeed } from './data/surveys';

const SURVEY_UID = 'api::survey.survey';
const DAY_MS = 86_400_000;

const questionsIn = (locale: 'it' | 'en') =>
  surveyQuestions.map((q) => ({
    code: q.code,
    type: q.type,
    label: q.label[locale],
    required: q.required ?? true,
    scaleMin: q.scaleMin ?? null,
    scaleMax: q.scaleMax ?? null,
    minLabel: q.minLabel?.[locale] ?? null,
    maxLabel: q.maxLabel?.[locale] ?? null,
    options: q.options?.map((o) => ({ key: o.key, label: o.label[locale] })) ?? null,
    showIf: q.showIf ?? null,
  }));

async function documentIds(
  strapi: Core.Strapi,
  uid: 'api::service.service' | 'api::office.office',
  slugs: string[]
) {
  const rows = (await strapi.db.query(uid).findMany({
    where: { slug: { $in: slugs }, locale: 'it', publishedAt: { $null: true } },
    select: ['documentId'],
  })) as { documentId: string }[];
  return rows.map((r) => r.documentId);
}

/** One citizen's answers, leaning to the survey's mean score. */
function answersOf(random: () => number, mean: number): Answers {
  // Within ±3 of the mean: at a mean of 8 about 8 % score 5 or less, at 6.5 about a third.
  const score = () => Math.max(1, Math.min(10, Math.round(mean + (random() - 0.5) * 6)));
  const overall = score();
  const face = overall >= 8 ? 'positive' : overall >= 6 ? 'neutral' : 'negative';
  const answers: Answers = { overall, waiting: score(), face };
  if (face !== 'positive' && random() < 0.8) {
    answers.issues = ['waiting', 'info', 'booking'].filter(() => random() < 0.5);
    if (!(answers.issues as string[]).length) answers.issues = ['waiting'];
  }
  if (random() < 0.7)
    answers.recommend = Math.max(0, Math.min(10, overall + (random() < 0.5 ? 0 : 1)));
  if (random() < 0.15) answers.suggestions = 'Più personale allo sportello il sabato mattina.';
  return answers;
}

async function seedSurvey(strapi: Core.Strapi, seed: SurveySeed, now: Date, index: number) {
  const docs = strapi.documents(SURVEY_UID);
  const services = await documentIds(strapi, 'api::service.service', seed.services);
  const offices = await documentIds(strapi, 'api::office.office', seed.offices);
  // Relations are localized: each version links to the same version of its targets.
  const connect = (ids: string[], locale = 'it') => ({
    connect: ids.map((documentId) => ({ documentId, locale, status: 'draft' })),
  });
  const opensAt = new Date(now.getTime() - seed.opensDaysAgo * DAY_MS);
  const closesAt = new Date(now.getTime() + seed.closesInDays * DAY_MS);
  const created = await docs.create({
    locale: 'it',
    data: {
      title: seed.title.it,
      slug: seed.slug.it,
      description: seed.description.it,
      questions: questionsIn('it'),
      services: connect(services),
      offices: connect(offices),
      channels: seed.channels,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      anonymous: true,
    } as never,
  });
  await docs.update({
    documentId: created.documentId,
    locale: 'en',
    data: {
      title: seed.title.en,
      slug: seed.slug.en,
      description: seed.description.en,
      questions: questionsIn('en'),
      services: connect(services, 'en'),
      offices: connect(offices, 'en'),
    } as never,
  });
  await docs.publish({ documentId: created.documentId, locale: '*' });

  const random = mulberry32(20260 + index);
  const last = Math.min(now.getTime(), closesAt.getTime());
  const rows = Array.from({ length: seed.responses }, () => ({
    surveyDocumentId: created.documentId,
    answers: answersOf(random, seed.meanScore),
    channel: seed.channels[Math.floor(random() * seed.channels.length)],
    language: random() < 0.9 ? 'it' : 'en',
    serviceDocumentId: services[Math.floor(random() * services.length)] ?? null,
    officeKey: offices[0] ?? null,
    invited: false,
    submittedAt: new Date(opensAt.getTime() + random() * (last - opensAt.getTime())),
  }));
  for (const data of rows) {
    await strapi.db.query('api::survey-response.survey-response').create({ data });
  }
  if (seed.improvement && offices.length) {
    await strapi.db.query('api::improvement-action.improvement-action').create({
      data: {
        surveyDocumentId: created.documentId,
        questionCode: seed.improvement.questionCode,
        title: seed.improvement.title,
        ownerOfficeKey: offices[0],
        status: seed.improvement.status,
        dueDate: new Date(closesAt.getTime() + 20 * DAY_MS).toISOString().slice(0, 10),
        doneAt: new Date(closesAt.getTime() + 15 * DAY_MS),
        createdByName: 'URP',
      },
    });
  }
}

export async function seedSurveys(strapi: Core.Strapi, now: Date): Promise<number> {
  let created = 0;
  for (const [index, seed] of surveys.entries()) {
    const exists = await strapi.db
      .query(SURVEY_UID)
      .findOne({ where: { slug: seed.slug.it }, select: ['id'] });
    if (exists) continue;
    await seedSurvey(strapi, seed, now, index);
    created++;
  }
  return created;
}
