/** The filter fields the console's figures pages share: a period of dates, and an office. */
import { Box, Field, TextInput } from '@strapi/design-system';
import { useT } from '../i18n';
import { Select } from './Select';

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));

export function PeriodFields({
  from,
  to,
  onFrom,
  onTo,
}: {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  const t = useT();
  return (
    <>
      <Field.Root>
        <Field.Label>{t('kpi.from')}</Field.Label>
        <TextInput
          type="date"
          value={from}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onFrom(e.target.value)}
        />
      </Field.Root>
      <Field.Root>
        <Field.Label>{t('kpi.to')}</Field.Label>
        <TextInput
          type="date"
          value={to}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onTo(e.target.value)}
        />
      </Field.Root>
    </>
  );
}

export function OfficeFilter({
  value,
  offices,
  onChange,
}: {
  value: string | undefined;
  offices: { documentId: string; name: string }[];
  onChange: (value: string | undefined) => void;
}) {
  const t = useT();
  return (
    <Box minWidth="200px">
      <Select
        label={t('filter.office')}
        value={value}
        anyLabel={t('filter.any')}
        choices={offices.map((o) => ({ value: o.documentId, label: o.name }))}
        onChange={onChange}
      />
    </Box>
  );
}
