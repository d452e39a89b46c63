/** Open311 error lists: `[{ code, description }]`, one entry per problem, with an HTTP status. */

export interface Open311ErrorItem {
  code: number;
  description: string;
}

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311ErrorItem[]
  ) {
    super(errors.map((e) => e.description).join('; '));
  }

  /** One problem; its code is the HTTP status, as most GeoReport servers answer. */
  static of(status: number, description: string): Open311Error {
    return new Open311Error(status, [{ code: status, description }]);
  }
}
