/**
 * Survey results and the improvement plan: pick a survey and a period (and an office or channel),
 * read each question's figures (distribution, mean, median, dissatisfied share, NPS, the faces'
 * net score, choices, free texts) and the response rate, download the anonymised answers, and
 * keep the plan: the weakest questions, the actions taken (owner office, due date, status), and
 * how the figures moved since the previous survey on the same service.
 */
import { useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Loader,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import type { QuestionComparison, QuestionStats } from '../../../../../domain/survey-stats';
import { queryString, useConsoleData, useConsoleSend } from '../api';
import { Select } from '../components/Select';
import { OfficeFilter, PeriodFields, daysAgo, isoDay } from '../components/PeriodFields';
import { useDownload } from '../download';
import { useT, type TKey } from '../i18n';
import type { Options } from '../types';

interface SurveyRow {
  documentId: string;
  title: string;
  slug: string;
  state: string;
  responses: number;
}

interface SurveyResults {
  data: {
    responses: number;
    invitations: number | null;
    invitedResponses: number;
    responseRate: number | null;
    truncated: boolean;
    questions: QuestionStats[];
  };
}

interface Action {
  id: number;
  title: string;
  questionCode: string | null;
  ownerOffice: { documentId: string; name: string | null };
  dueDate: string | null;
  status: string;
}

interface Headline {
  answered: number;
  mean: number | null;
  dissatisfiedShare: number | null;
  nps: number | null;
  netScore: number | null;
}

/** A question's figures in the previous survey and in this one, with the change. */
interface SideBySide extends QuestionComparison {
  label: string;
  before: Headline | null;
  after: Headline | null;
}

interface Plan {
  data: {
    responses: number;
    weakest: { code: string; label: string; dissatisfiedShare: number | null }[];
    actions: Action[];
    previous: {
      survey: { title: string };
      responses: number;
      actions: Action[];
      comparison: { questions: SideBySide[] };
    } | null;
  };
}

const STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
const pct = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 100)}%`);
const signed = (x: number | null, unit = '') =>
  x == null ? '—' : `${x > 0 ? '+' : ''}${x}${unit}`;
/** "6.2 → 7.8 (+1.6)"; a dash where a side has no figure. */
const beforeAfter = (
  before: number | string | null | undefined,
  after: number | string | null | undefined,
  change: string
) => (before == null && after == null ? '—' : `${before ?? '—'} → ${after ?? '—'} (${change})`);

export default function SurveysPage() {
  const t = useT();
  const download = useDownload();
  const surveys = useConsoleData<{ data: SurveyRow[] }>('/surveys');
  const options = useConsoleData<Options>('/options');
  const [survey, setSurvey] = useState<string>();
  const [from, setFrom] = useState(daysAgo(365));
  const [to, setTo] = useState(isoDay(new Date()));
  const [office, setOffice] = useState<string>();
  const [channel, setChannel] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const list = surveys.data?.data ?? [];
  useEffect(() => {
    if (!survey && list.length) setSurvey(list[0].documentId);
  }, [list.length]);

  const query = { from, to, office, channel };
  const results = useConsoleData<SurveyResults>(survey ? `/surveys/${survey}/stats` : null, query);
  const r = results.data?.data;
  const chosen = list.find((s) => s.documentId === survey);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="urp-surveys">
      <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
        <Flex gap={3} wrap="wrap" alignItems="flex-end">
          <Box minWidth="280px">
            <Select
              label={t('survey.survey')}
              value={survey}
              testId="urp-survey-select"
              choices={list.map((s) => ({
                value: s.documentId,
                label: `${s.title} (${t(`survey.state.${s.state}` as TKey)}, ${s.responses})`,
              }))}
              onChange={setSurvey}
            />
          </Box>
          <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
          <OfficeFilter value={office} offices={options.data?.offices ?? []} onChange={setOffice} />
          <Box minWidth="160px">
            <Select
              label={t('survey.channel')}
              value={channel}
              anyLabel={t('filter.any')}
              choices={['web', 'app', 'counter', 'email', 'phone', 'kiosk'].map((c) => ({
                value: c,
                label: c,
              }))}
              onChange={setChannel}
            />
          </Box>
          <Button
            variant="secondary"
            disabled={!survey}
            data-testid="urp-survey-csv"
            onClick={() =>
              download(
                `/surveys/${survey}/responses.csv${queryString(query)}`,
                `survey-${chosen?.slug ?? survey}.csv`
              ).catch((e) => setError((e as Error).message))
            }
          >
            {t('survey.csv')}
          </Button>
        </Flex>
      </Box>

      {surveys.data && !list.length ? <Typography>{t('survey.none')}</Typography> : null}
      {results.error || error ? (
        <Typography textColor="danger600">{results.error ?? error}</Typography>
      ) : null}
      {results.loading && !r ? <Loader>{t('loading')}</Loader> : null}

      {r ? (
        <>
          <Flex gap={4} wrap="wrap">
            <Figure label={t('survey.responses')} value={String(r.responses)} />
            <Figure
              label={t('survey.responseRate')}
              value={
                r.invitations == null
                  ? '—'
                  : t('survey.rateOf', {
                      rate: pct(r.responseRate),
                      answered: r.invitedResponses,
                      invited: r.invitations,
                    })
              }
            />
          </Flex>
          <Grid.Root gap={4}>
            {r.questions.map((q) => (
              <Grid.Item key={q.code} col={6} s={12}>
                <QuestionCard q={q} />
              </Grid.Item>
            ))}
          </Grid.Root>
          {survey ? (
            <ImprovementPlan survey={survey} offices={options.data?.offices ?? []} />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius minWidth="200px">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Box paddingTop={1}>
        <Typography variant="alpha">{value}</Typography>
      </Box>
    </Box>
  );
}

/** A horizontal bar per value: the distribution at a glance, without a chart library. */
function Bars({ rows }: { rows: { label: string; count: number; share: number | null }[] }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      {rows.map((row) => (
        <Flex key={row.label} gap={2}>
          <Box minWidth="90px">
            <Typography variant="pi">{row.label}</Typography>
          </Box>
          <Box background="neutral150" hasRadius style={{ flex: 1, height: 12 }}>
            <div
              style={{
                width: `${Math.round((row.share ?? 0) * 100)}%`,
                height: '100%',
                background: '#4945ff',
                borderRadius: 4,
              }}
            />
          </Box>
          <Box minWidth="70px">
            <Typography variant="pi">
              {row.count} · {pct(row.share)}
            </Typography>
          </Box>
        </Flex>
      ))}
    </Flex>
  );
}

function QuestionCard({ q }: { q: QuestionStats }) {
  const t = useT();
  const facts: [TKey, string][] = [];
  let bars: { label: string; count: number; share: number | null }[] = [];
  if (q.type === 'scale' || q.type === 'nps') {
    facts.push(['survey.mean', String(q.mean ?? '—')], ['survey.median', String(q.median ?? '—')]);
    facts.push(['survey.dissatisfied', pct(q.dissatisfiedShare)]);
    if (q.type === 'nps') facts.push(['survey.nps', String(q.nps ?? '—')]);
    bars = q.distribution.map((b) => ({ label: String(b.value), count: b.count, share: b.share }));
  } else if (q.type === 'emoticon') {
    facts.push(['survey.netScore', String(q.netScore ?? '—')]);
    facts.push(['survey.dissatisfied', pct(q.dissatisfiedShare)]);
    bars = (['positive', 'neutral', 'negative'] as const).map((face) => ({
      label: t(`survey.face.${face}` as TKey),
      count: q.counts[face],
      share: q.shares[face],
    }));
  } else if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    bars = q.options.map((o) => ({ label: o.label, count: o.count, share: o.share }));
  }
  return (
    <Box
      background="neutral0"
      padding={4}
      shadow="tableShadow"
      hasRadius
      width="100%"
      height="100%"
      data-testid="urp-survey-question"
    >
      <Typography variant="delta" tag="h3">
        {q.label}
      </Typography>
      <Box paddingTop={1} paddingBottom={2}>
        <Typography variant="pi" textColor="neutral600">
          {t('survey.answered', { answered: q.answered, skipped: q.skipped })}
        </Typography>
      </Box>
      {facts.length ? (
        <Flex gap={4} paddingBottom={2}>
          {facts.map(([key, value]) => (
            <Typography key={key} variant="omega">
              {t(key)}: <strong>{value}</strong>
            </Typography>
          ))}
        </Flex>
      ) : null}
      {bars.length ? <Bars rows={bars} /> : null}
      {q.type === 'free_text' ? (
        <Flex direction="column" alignItems="stretch" gap={1}>
          {q.texts.slice(0, 20).map((text, i) => (
            <Typography key={i} variant="omega">
              “{text}”
            </Typography>
          ))}
        </Flex>
      ) : null}
    </Box>
  );
}

function ImprovementPlan({
  survey,
  offices,
}: {
  survey: string;
  offices: { documentId: string; name: string }[];
}) {
  const t = useT();
  const plan = useConsoleData<Plan>(`/surveys/${survey}/improvements`);
  const post = useConsoleSend('post');
  const put = useConsoleSend('put');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string>();
  const [question, setQuestion] = useState<string>();
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const p = plan.data?.data;
  const run = (promise: Promise<unknown>) =>
    promise.then(() => (setError(null), plan.reload())).catch((e) => setError(e.message));

  return (
    <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius data-testid="urp-plan">
      <Typography variant="beta" tag="h2">
        {t('plan.title')}
      </Typography>
      {plan.error || error ? (
        <Typography textColor="danger600">{plan.error ?? error}</Typography>
      ) : null}
      {p ? (
        <Flex direction="column" alignItems="stretch" gap={4} paddingTop={3}>
          <Typography>
            {t('plan.weakest')}{' '}
            {p.weakest.map((w) => `${w.label} (${pct(w.dissatisfiedShare)})`).join(' · ') || '—'}
          </Typography>
          <ActionsTable
            actions={p.actions}
            onStatus={(id, status) => run(put(`/improvements/${id}`, { status }))}
          />
          <Flex gap={3} wrap="wrap" alignItems="flex-end">
            <Field.Root>
              <Field.Label>{t('plan.action')}</Field.Label>
              <TextInput
                value={title}
                data-testid="urp-plan-title"
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTitle(e.target.value)}
              />
            </Field.Root>
            <Box minWidth="200px">
              <Select
                label={t('plan.owner')}
                value={owner}
                choices={offices.map((o) => ({ value: o.documentId, label: o.name }))}
                onChange={setOwner}
              />
            </Box>
            <Box minWidth="200px">
              <Select
                label={t('plan.question')}
                value={question}
                anyLabel={t('filter.any')}
                choices={p.weakest.map((w) => ({ value: w.code, label: w.label }))}
                onChange={setQuestion}
              />
            </Box>
            <Field.Root>
              <Field.Label>{t('plan.due')}</Field.Label>
              <TextInput
                type="date"
                value={due}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDue(e.target.value)}
              />
            </Field.Root>
            <Button
              disabled={!title.trim() || !owner}
              onClick={() =>
                run(
                  post(`/surveys/${survey}/improvements`, {
                    title,
                    ownerOffice: owner,
                    questionCode: question,
                    dueDate: due || undefined,
                  }).then(() => setTitle(''))
                )
              }
            >
              {t('plan.add')}
            </Button>
          </Flex>
          {p.previous ? (
            <Box>
              <Typography variant="delta" tag="h3">
                {t('plan.beforeAfter', {
                  title: p.previous.survey.title,
                  before: p.previous.responses,
                  after: p.responses,
                })}
              </Typography>
              <Table colCount={5} rowCount={p.previous.comparison.questions.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('plan.question')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('survey.mean')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('survey.dissatisfied')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('survey.nps')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('survey.netScore')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {p.previous.comparison.questions.map((c) => (
                    <Tr key={c.code} data-testid="urp-plan-compare">
                      <Td>
                        <Typography>{c.label}</Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {beforeAfter(c.before?.mean, c.after?.mean, signed(c.mean))}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {beforeAfter(
                            pct(c.before?.dissatisfiedShare),
                            pct(c.after?.dissatisfiedShare),
                            signed(
                              c.dissatisfiedShare == null
                                ? null
                                : Math.round(c.dissatisfiedShare * 100),
                              ' pt'
                            )
                          )}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {beforeAfter(c.before?.nps, c.after?.nps, signed(c.nps))}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {beforeAfter(c.before?.netScore, c.after?.netScore, signed(c.netScore))}
                        </Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Box paddingTop={2}>
                <Typography variant="omega">{t('plan.between')}</Typography>
                <ActionsTable actions={p.previous.actions} />
              </Box>
            </Box>
          ) : null}
        </Flex>
      ) : (
        <Loader>{t('loading')}</Loader>
      )}
    </Box>
  );
}

function ActionsTable({
  actions,
  onStatus,
}: {
  actions: Action[];
  onStatus?: (id: number, status: string) => void;
}) {
  const t = useT();
  if (!actions.length) return <Typography textColor="neutral600">{t('plan.noActions')}</Typography>;
  return (
    <Table colCount={4} rowCount={actions.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('plan.action')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('plan.owner')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('plan.due')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('plan.status')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {actions.map((a) => (
          <Tr key={a.id} data-testid="urp-plan-action">
            <Td>
              <Typography>{a.title}</Typography>
            </Td>
            <Td>
              <Typography>{a.ownerOffice.name ?? a.ownerOffice.documentId}</Typography>
            </Td>
            <Td>
              <Typography>{a.dueDate ?? '—'}</Typography>
            </Td>
            <Td>
              {onStatus ? (
                <Select
                  label=""
                  value={a.status}
                  choices={STATUSES.map((s) => ({
                    value: s,
                    label: t(`plan.status.${s}` as TKey),
                  }))}
                  onChange={(s) => s && s !== a.status && onStatus(a.id, s)}
                />
              ) : (
                <Badge>{t(`plan.status.${a.status}` as TKey)}</Badge>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
