/**
 * A command needs a package that `@drover/cli` does not install by itself (an optional peer
 * dependency). Printed as `drover: <message>`; the process exits with 69 (`EXIT.unavailable`).
 */
export class MissingPackageError extends Error {
  /** The package to install, such as `@drover/redis`. */
  readonly packageName: string;

  constructor(packageName: string, feature: string) {
    super(
      `${feature} needs ${packageName}, which is not installed.\n` +
        `Install it beside @drover/cli: npm install ${packageName} ` +
        `(for a global drover: npm install -g ${packageName})`,
    );
    this.name = 'MissingPackageError';
    this.packageName = packageName;
  }
}

/** Whether `error` says that `name` itself cannot be found (not a module inside it, nor one it imports). */
function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}

/**
 * Load an optional package with `load` (a dynamic `import()` of it) on demand.
 * @throws MissingPackageError naming the package and `feature` when it is not installed; any other
 *   failure (a broken install, a dependency of the package missing) as it is.
 * @example const redis = await importOptional('@drover/redis', 'drover worker', () => import('@drover/redis'));
 */
export async function importOptional<T>(name: string, feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isNotFound(error, name)) throw new MissingPackageError(name, feature);
    throw error;
  }
}
