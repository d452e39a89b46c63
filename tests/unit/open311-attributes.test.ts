import {
  collectAttributes,
  serviceDefinition,
  validateAttributes,
  type AttributeDefinition,
} from '../../src/domain/open311/attributes';

const DEFS: AttributeDefinition[] = [
  { code: 'when', label: 'Quando', datatype: 'datetime', order: 4 },
  { code: 'depth', label: 'Profondità', datatype: 'number', required: true, order: 1 },
  {
    code: 'kind',
    label: 'Tipo',
    datatype: 'singlevaluelist',
    description: 'Il tipo di danno',
    values: [{ key: 'buca', name: 'Buca' }, { key: 'crepa' }, { name: 'senza chiave' }],
    order: 2,
  },
  {
    code: 'lanes',
    label: 'Corsie',
    datatype: 'multivaluelist',
    values: [
      { key: 'nord', name: 'Nord' },
      { key: 'sud', name: 'Sud' },
    ],
    order: 3,
  },
  { code: 'note', label: 'Nota', datatype: 'text', order: 5 },
];

describe('serviceDefinition', () => {
  it('lists the attributes by order, lists with their well-formed values', () => {
    const def = serviceDefinition('BUCHE', DEFS);
    expect(def.service_code).toBe('BUCHE');
    expect(def.attributes.map((a) => a.code)).toEqual(['depth', 'kind', 'lanes', 'when', 'note']);
    expect(def.attributes[1]).toEqual({
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'Il tipo di danno',
      order: 2,
      description: 'Tipo',
      values: [
        { key: 'buca', name: 'Buca' },
        { key: 'crepa', name: 'crepa' },
      ],
    });
    expect(def.attributes[0]).not.toHaveProperty('values');
    expect(def.attributes[0].required).toBe(true);
  });
});

describe('collectAttributes', () => {
  it('reads flat attribute[code] and attribute[code][] keys', () => {
    expect(
      collectAttributes({
        'attribute[depth]': '20',
        'attribute[lanes][]': ['nord', 'sud'],
        description: 'x',
      })
    ).toEqual({ depth: '20', lanes: ['nord', 'sud'] });
  });

  it('reads what a form parser made of them, and a JSON object', () => {
    expect(collectAttributes({ attribute: { depth: 20, lanes: ['nord'], bad: { x: 1 } } })).toEqual(
      { depth: '20', lanes: ['nord'] }
    );
  });
});

describe('validateAttributes', () => {
  const check = (input: Record<string, string | string[]>) =>
    validateAttributes(DEFS, input, 'Europe/Rome');

  it('converts what it accepts and leaves out codes it does not know', () => {
    expect(
      check({
        depth: '12.5',
        kind: 'buca',
        lanes: ['nord', 'sud', 'nord'],
        when: '2026-11-23T08:58:18+01:00',
        note: ' vicino alla scuola ',
        fms_extra: 'x',
      })
    ).toEqual({
      values: {
        depth: 12.5,
        kind: 'buca',
        lanes: ['nord', 'sud'],
        when: '2026-11-23T07:58:18.000Z',
        note: 'vicino alla scuola',
      },
      errors: [],
    });
  });

  it('lists every problem, named as the form names it', () => {
    const { errors, values } = check({
      kind: 'voragine',
      lanes: ['est'],
      when: 'ieri',
      note: ['a', 'b'],
    });
    expect(values).toEqual({});
    expect(errors.map((e) => e.description)).toEqual([
      'attribute[depth] is required (Profondità)',
      'attribute[kind] has no value "voragine"; values are: buca, crepa',
      'attribute[lanes] has no value "est"; values are: nord, sud',
      'attribute[when] must be a W3C date-time, e.g. 2026-11-23T07:58:18Z',
      'attribute[note] takes one value',
    ]);
    expect(errors.every((e) => e.code === 400)).toBe(true);
  });

  it('refuses numbers that are not plain numbers, and blanks a required one', () => {
    for (const depth of ['abc', '12cm', '0x10', 'Infinity', ''])
      expect(check({ depth }).errors).toHaveLength(1);
    expect(check({ depth: '-3' }).values.depth).toBe(-3);
  });

  it('refuses an overlong string', () => {
    expect(check({ depth: '1', note: 'x'.repeat(1001) }).errors[0].description).toMatch(/longer/);
  });
});
