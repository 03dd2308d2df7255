/**
 * Which URL owns which file path in one coordinator, and one writer per path at a time.
 * Two different URLs never write one path; the same URL twice writes it one after the other.
 */
export class PathClaims {
  private readonly owners = new Map<string, string>();
  private readonly writers = new Map<string, Promise<unknown>>();

  /** Claim `path` for `url`. Returns the URL that already owns it, or `undefined` when the claim holds. */
  claim(path: string, url: string): string | undefined {
    const owner = this.owners.get(path);
    if (owner !== undefined && owner !== url) return owner;
    this.owners.set(path, url);
    return undefined;
  }

  /** Run `write` once no other write to `path` is running. */
  async exclusive<T>(path: string, write: () => Promise<T>): Promise<T> {
    const previous = this.writers.get(path);
    const current = (previous ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writers.set(path, current);
    try {
      return await current;
    } finally {
      if (this.writers.get(path) === current) this.writers.delete(path);
    }
  }
}
