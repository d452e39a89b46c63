/**
 * One case in a side drawer: what it is and where, its whole timeline (public and internal), the
 * citizen's contact (staff only), photos and a map snippet, and the actions the signed-in staff
 * member may take on it (the server lists them in `can` and `allowedNextStatuses`). A refusal
 * shows the server's reason, which names the lifecycle rule.
 */
import { useState } from 'react';
import {
  Box,
  Button,
  Divider,
  Flex,
  Grid,
  IconButton,
  Loader,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { useConsoleData, useConsolePost } from '../api';
import { ACCURACY } from '../filters';
import { useFormat, useT, type TKey } from '../i18n';
import type { CaseView, Options } from '../types';
import { BandBadge, FlagBadge, StatusBadge } from './Badges';
import { MapSnippet } from './MapSnippet';
import { ModerationPanel } from './ModerationPanel';
import { CrewSelects } from './CrewSelects';
import { Select } from './Select';

interface Template {
  id: number | string;
  name: string;
  text: string;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Box>{typeof children === 'string' ? <Typography>{children}</Typography> : children}</Box>
    </Box>
  );
}

function Feedback({ ok, error }: { ok: string | null; error: string | null }) {
  if (error)
    return (
      <Typography textColor="danger600" data-testid="urp-drawer-error">
        {error}
      </Typography>
    );
  if (ok)
    return (
      <Typography textColor="success600" data-testid="urp-drawer-ok">
        {ok}
      </Typography>
    );
  return null;
}

export default function CaseDrawer({
  code,
  onClose,
  onChanged,
}: {
  code: string;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const t = useT();
  const { locale } = useIntl();
  const lang = locale.startsWith('it') ? 'it' : 'en';
  const { dateTime } = useFormat();
  const view = useConsoleData<{ data: CaseView }>(`/cases/${encodeURIComponent(code)}`, {
    locale: lang,
  });
  const options = useConsoleData<Options>('/options');
  const templates = useConsoleData<{ data: Template[] }>(
    `/cases/${encodeURIComponent(code)}/templates`,
    { locale: lang }
  );
  const post = useConsolePost();
  const [to, setTo] = useState<string>();
  const [accuracy, setAccuracy] = useState<string>();
  const [team, setTeam] = useState<string>();
  const [assignee, setAssignee] = useState<string>();
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ ok: string | null; error: string | null }>({
    ok: null,
    error: null,
  });

  const c = view.data?.data;
  const can = new Set(c?.can ?? []);

  const act = async (path: string, body: unknown, ok: string, after?: () => void) => {
    setBusy(true);
    setFeedback({ ok: null, error: null });
    try {
      await post(`/cases/${encodeURIComponent(code)}${path}`, body);
      setFeedback({ ok, error: null });
      after?.();
      view.reload();
      onChanged?.();
    } catch (e) {
      setFeedback({ ok: null, error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const needsAccuracy = c?.kind === 'report' && (to === 'resolved' || to === 'rejected');

  return (
    <Box
      role="dialog"
      aria-label={t('drawer.title', { code })}
      data-testid="urp-drawer"
      background="neutral0"
      shadow="popupShadow"
      padding={6}
      style={{
        position: 'fixed',
        top: 0,
        right: 0,
        bottom: 0,
        width: 'min(640px, 100vw)',
        overflowY: 'auto',
        zIndex: 10,
      }}
    >
      <Flex justifyContent="space-between" alignItems="flex-start">
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography variant="beta" tag="h2">
            {t('drawer.title', { code })}
          </Typography>
          {c ? (
            <Flex gap={2} wrap="wrap">
              <StatusBadge state={c.state} />
              <BandBadge band={c.band} />
              {c.emergency && c.band !== 'emergency' ? <FlagBadge kind="emergency" /> : null}
              {c.dueAt && new Date(c.dueAt).getTime() < Date.now() ? (
                <FlagBadge kind="overdue" />
              ) : null}
            </Flex>
          ) : null}
        </Flex>
        <IconButton label={t('drawer.close')} onClick={onClose} data-testid="urp-drawer-close">
          <Cross />
        </IconButton>
      </Flex>

      {view.loading && !c ? <Loader>{t('loading')}</Loader> : null}
      {view.error ? <Typography textColor="danger600">{view.error}</Typography> : null}

      {c ? (
        <Flex direction="column" alignItems="stretch" gap={5} paddingTop={4}>
          <Box>
            {c.subject ? (
              <Typography variant="delta" tag="p">
                {c.subject}
              </Typography>
            ) : null}
            <Typography tag="p" data-testid="urp-drawer-description">
              {c.description}
            </Typography>
          </Box>

          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.office')}>{c.office?.name ?? '—'}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.team')}>{c.team?.name ?? '—'}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.assignee')}>{c.assignee?.name ?? '—'}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.topic')}>{c.topic?.name ?? '—'}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.received')}>{dateTime(c.receivedAt)}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.due')}>{dateTime(c.dueAt)}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.firstResponseDue')}>{dateTime(c.firstResponseDueAt)}</Field>
            </Grid.Item>
            <Grid.Item col={6} s={12}>
              <Field label={t('field.channel')}>{c.channel ?? '—'}</Field>
            </Grid.Item>
          </Grid.Root>
          <Flex gap={2} wrap="wrap">
            {c.firstResponseLate ? (
              <Typography textColor="danger600">{t('drawer.firstResponseLate')}</Typography>
            ) : null}
            {c.escalationLevel ? (
              <Typography textColor="danger600">
                {t('drawer.escalation', { n: c.escalationLevel })}
              </Typography>
            ) : null}
            {c.ratingScore ? (
              <Typography>{t('drawer.rating', { n: c.ratingScore })}</Typography>
            ) : null}
          </Flex>

          {c.latitude != null && c.longitude != null ? (
            <Box>
              {c.address ? <Typography variant="pi">{c.address}</Typography> : null}
              <MapSnippet latitude={c.latitude} longitude={c.longitude} band={c.band} />
            </Box>
          ) : null}

          {c.photos?.length ? (
            <Box>
              <Typography variant="delta">{t('drawer.photos')}</Typography>
              <Flex gap={2} wrap="wrap" paddingTop={2}>
                {c.photos.map((p) => (
                  <a key={p.url} href={p.url} target="_blank" rel="noreferrer">
                    <img
                      src={p.small}
                      alt=""
                      style={{ height: 96, borderRadius: 4, objectFit: 'cover' }}
                    />
                  </a>
                ))}
              </Flex>
            </Box>
          ) : null}

          {c.citizen ? (
            <Box background="neutral100" padding={4} hasRadius data-testid="urp-drawer-citizen">
              <Typography variant="delta">{t('drawer.citizen')}</Typography>
              <Typography tag="p">{c.citizen.name ?? '—'}</Typography>
              <Typography tag="p" variant="pi">
                {t('field.email')}: {c.citizen.email ?? '—'} · {t('field.phone')}:{' '}
                {c.citizen.phone ?? '—'}
              </Typography>
              <Typography tag="p" variant="pi">
                {t('field.reports')}: {c.citizen.reportsTotal}
                {c.citizen.reputation != null
                  ? ` · ${t('field.reputation')}: ${c.citizen.reputation}`
                  : ''}
              </Typography>
            </Box>
          ) : null}

          <Divider />
          <Feedback {...feedback} />

          {can.has('transition') && c.allowedNextStatuses.length ? (
            <Flex gap={3} alignItems="flex-end" wrap="wrap" data-testid="urp-drawer-transition">
              <Box minWidth="200px">
                <Select
                  label={t('drawer.transition')}
                  value={to}
                  choices={c.allowedNextStatuses.map((s) => ({
                    value: s,
                    label: t(`status.${s}` as TKey),
                  }))}
                  onChange={setTo}
                  testId="urp-drawer-to"
                />
              </Box>
              {needsAccuracy ? (
                <Box minWidth="200px">
                  <Select
                    label={t('drawer.qualify')}
                    value={accuracy}
                    choices={ACCURACY.map((a) => ({ value: a, label: t(`accuracy.${a}` as TKey) }))}
                    onChange={setAccuracy}
                    testId="urp-drawer-accuracy"
                  />
                </Box>
              ) : null}
              <Button
                disabled={!to || busy}
                onClick={() =>
                  act(
                    '/transition',
                    { to, ...(accuracy ? { qualification: { accuracy } } : {}) },
                    t(('status.' + to) as TKey),
                    () => setTo(undefined)
                  )
                }
                data-testid="urp-drawer-transition-apply"
              >
                {t('bulk.apply')}
              </Button>
            </Flex>
          ) : null}

          {can.has('assign') ? (
            <Flex gap={3} alignItems="flex-end" wrap="wrap" data-testid="urp-drawer-assign">
              <CrewSelects
                options={options.data}
                team={team}
                assignee={assignee}
                onTeam={setTeam}
                onAssignee={setAssignee}
                testIdPrefix="urp-drawer"
              />
              <Button
                variant="secondary"
                disabled={(!team && !assignee) || busy}
                onClick={() =>
                  act(
                    '/assign',
                    {
                      ...(team ? { team } : {}),
                      ...(assignee ? { assignee: Number(assignee) } : {}),
                    },
                    t('drawer.assign')
                  )
                }
                data-testid="urp-drawer-assign-apply"
              >
                {t('bulk.assign')}
              </Button>
            </Flex>
          ) : null}

          {can.has('message') ? (
            <Box data-testid="urp-drawer-reply">
              {templates.data?.data?.length ? (
                <Box paddingBottom={2} maxWidth="320px">
                  <Select
                    label={t('drawer.template')}
                    value={undefined}
                    choices={templates.data.data.map((tpl) => ({
                      value: String(tpl.id),
                      label: tpl.name,
                    }))}
                    onChange={(id) => {
                      const tpl = templates.data?.data.find((x) => String(x.id) === id);
                      if (tpl) setReply(tpl.text);
                    }}
                    testId="urp-drawer-template"
                  />
                </Box>
              ) : null}
              <Textarea
                aria-label={t('drawer.reply')}
                placeholder={t('drawer.replyPlaceholder')}
                value={reply}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReply(e.target.value)}
              />
              <Flex paddingTop={2} justifyContent="flex-end">
                <Button
                  disabled={!reply.trim() || busy}
                  onClick={() =>
                    act('/messages', { text: reply.trim() }, t('drawer.sent'), () => setReply(''))
                  }
                  data-testid="urp-drawer-send"
                >
                  {t('drawer.send')}
                </Button>
              </Flex>
            </Box>
          ) : null}

          {can.has('note') ? (
            <Box>
              <Textarea
                aria-label={t('drawer.note')}
                placeholder={t('drawer.note')}
                value={note}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)}
              />
              <Flex paddingTop={2} justifyContent="flex-end">
                <Button
                  variant="secondary"
                  disabled={!note.trim() || busy}
                  onClick={() =>
                    act('/notes', { text: note.trim() }, t('drawer.addNote'), () => setNote(''))
                  }
                >
                  {t('drawer.addNote')}
                </Button>
              </Flex>
            </Box>
          ) : null}
          {c.kind === 'report' && can.has('moderate') && c.moderation ? (
            <ModerationPanel
              key={JSON.stringify(c.moderation)}
              code={c.code}
              description={c.description}
              moderation={c.moderation}
              photos={c.photos ?? []}
              onSaved={view.reload}
            />
          ) : null}
          {!can.size ? <Typography>{t('drawer.noActions')}</Typography> : null}

          <Divider />
          <Box data-testid="urp-drawer-timeline">
            <Typography variant="delta">{t('drawer.timeline')}</Typography>
            {[...c.timeline].reverse().map((e) => (
              <Box
                key={e.id}
                paddingTop={3}
                paddingLeft={3}
                style={{
                  borderLeft: `3px solid ${e.visibility === 'public' ? '#4945ff' : '#a5a5ba'}`,
                }}
                data-testid="urp-timeline-event"
                data-type={e.type}
              >
                <Typography variant="pi" textColor="neutral600">
                  {dateTime(e.at)} · {e.actor.name ?? e.actor.type} ·{' '}
                  {e.visibility === 'public' ? t('drawer.public') : t('drawer.internal')}
                </Typography>
                <Typography tag="p" fontWeight="semiBold">
                  {e.type}
                  {e.from || e.to ? ` ${e.from ?? ''} → ${e.to ?? ''}` : ''}
                </Typography>
                {e.text ? <Typography tag="p">{e.text}</Typography> : null}
              </Box>
            ))}
          </Box>
        </Flex>
      ) : null}
    </Box>
  );
}
