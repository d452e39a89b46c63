/** The crew and technician a case goes to: the two selects the drawer and the bulk bar share. */
import { Box } from '@strapi/design-system';
import { useT } from '../i18n';
import type { Options } from '../types';
import { Select } from './Select';

export function CrewSelects({
  options,
  team,
  assignee,
  onTeam,
  onAssignee,
  testIdPrefix,
}: {
  options: Options | null;
  team: string | undefined;
  assignee: string | undefined;
  onTeam: (team: string | undefined) => void;
  onAssignee: (assignee: string | undefined) => void;
  testIdPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <Box minWidth="200px">
        <Select
          label={t('field.team')}
          value={team}
          anyLabel="—"
          choices={(options?.teams ?? []).map((o) => ({ value: o.documentId, label: o.name }))}
          onChange={onTeam}
          testId={`${testIdPrefix}-team`}
        />
      </Box>
      <Box minWidth="200px">
        <Select
          label={t('field.assignee')}
          value={assignee}
          anyLabel="—"
          choices={(options?.technicians ?? []).map((o) => ({
            value: String(o.id),
            label: o.name,
          }))}
          onChange={onAssignee}
          testId={`${testIdPrefix}-assignee`}
        />
      </Box>
    </>
  );
}
