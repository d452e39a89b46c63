import { relationTarget } from '../../src/lib/relation-input';

describe('relationTarget reads every to-one relation input form', () => {
  it.each([
    ['a documentId', 'abc', { documentId: 'abc' }],
    ['an id', 7, { id: 7 }],
    ['an object with documentId', { documentId: 'abc', locale: 'it' }, { documentId: 'abc' }],
    ['an object with id', { id: 3 }, { id: 3 }],
    ['connect', { connect: [{ documentId: 'a' }, { documentId: 'b' }] }, { documentId: 'b' }],
    ['set', { set: [{ id: 9 }] }, { id: 9 }],
  ])('%s', (_label, input, expected) => {
    expect(relationTarget(input)).toEqual(expected);
  });

  it('null and an empty set clear the relation', () => {
    expect(relationTarget(null)).toBeNull();
    expect(relationTarget('')).toBeNull();
    expect(relationTarget({ set: [] })).toBeNull();
  });

  it('absent, disconnect-only and empty connect say nothing', () => {
    expect(relationTarget(undefined)).toBeUndefined();
    expect(relationTarget({ connect: [] })).toBeUndefined();
    expect(relationTarget({ disconnect: [{ id: 1 }] })).toBeUndefined();
  });
});
