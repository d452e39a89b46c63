/**
 * The admin homepage widget: the signed-in staff member's own queue (their scope: all cases for
 * operators, their offices' for coordinators, their own for technicians), per kind of case, with
 * what is overdue and what is an emergency, each a link into the filtered queue.
 */
import { Flex, Loader, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useConsoleData } from '../api';
import { useT, type TKey } from '../i18n';
import { PLUGIN_ID } from '../pluginId';
import type { CaseKind, QueueCounts } from '../types';

function Row({ kind }: { kind: CaseKind }) {
  const t = useT();
  const counts = useConsoleData<QueueCounts>('/queue/counts', { kind });
  const c = counts.data?.data;
  const base = `/plugins/${PLUGIN_ID}?kind=${kind}`;
  return (
    <Flex justifyContent="space-between" gap={3} data-testid={`urp-widget-${kind}`}>
      <Typography fontWeight="bold">{t(`kind.${kind}` as TKey)}</Typography>
      {c ? (
        <Flex gap={3}>
          <Link to={base}>
            {t('widget.open')}: {c.total}
          </Link>
          <Link to={`${base}&overdue=true`} style={{ color: c.overdue ? '#d02b20' : undefined }}>
            {t('widget.overdue')}: {c.overdue}
          </Link>
          {kind === 'report' ? (
            <Link
              to={`${base}&emergency=true`}
              style={{ color: c.emergency ? '#d02b20' : undefined }}
            >
              {t('widget.emergency')}: {c.emergency}
            </Link>
          ) : null}
        </Flex>
      ) : counts.error ? (
        <Typography textColor="danger600">{counts.error}</Typography>
      ) : (
        <Loader small />
      )}
    </Flex>
  );
}

export default function QueueWidget() {
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="urp-widget">
      <Row kind="report" />
      <Row kind="request" />
      <Row kind="complaint" />
    </Flex>
  );
}
