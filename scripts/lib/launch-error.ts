/** A problem the person starting Homeward can fix; printed as one line, without a stack trace. */
export class LaunchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LaunchError";
  }
}
