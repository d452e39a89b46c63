/** A labelled single select of the design system, with an "any" choice that clears it. */
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

export interface Choice {
  value: string;
  label: string;
}

export function Select({
  label,
  value,
  choices,
  onChange,
  anyLabel,
  testId,
  disabled,
}: {
  label: string;
  value: string | undefined;
  choices: Choice[];
  onChange: (value: string | undefined) => void;
  /** When given, a first choice that clears the value. */
  anyLabel?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const ANY = '__any__';
  return (
    <Field.Root>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        data-testid={testId}
        value={value ?? (anyLabel ? ANY : undefined)}
        disabled={disabled}
        onChange={(v: string | number) => onChange(v === ANY ? undefined : String(v))}
        placeholder={anyLabel}
      >
        {anyLabel ? <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption> : null}
        {choices.map((c) => (
          <SingleSelectOption key={c.value} value={c.value}>
            {c.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
