/** The one error type the CLI knows: a message for the user, and the exit code to leave with. */
export class AuditError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}
