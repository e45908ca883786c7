/** Thrown by handlers and stores; the server answers `status` with `message` as a text body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
