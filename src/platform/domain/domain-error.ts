/** How a broken rule reads to a client: a rule conflict, an unknown resource, or bad input. */
export type DomainErrorKind = 'conflict' | 'not-found' | 'invalid';

/** A rule the command breaks, with its stable SCREAMING_SNAKE code from DOMAIN.md. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
