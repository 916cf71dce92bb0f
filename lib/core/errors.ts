import { IConstruct } from 'constructs';

/**
 * An error in the fleet definition, raised at construction or synth time.
 *
 * The message always names the construct (by path), the offending value, and
 * what would have been accepted.
 */
export class FleetValidationError extends Error {
  /** Path of the construct the error is about ('' when not about one construct). */
  public readonly constructPath: string;

  constructor(message: string, constructPath: string = '') {
    super(message);
    this.name = 'FleetValidationError';
    this.constructPath = constructPath;
    Object.setPrototypeOf(this, FleetValidationError.prototype);
  }
}

/**
 * Throws a FleetValidationError worded as `<kind> '<path>': <detail>`.
 *
 * @param kind what the construct is, as a user would call it (e.g. `eksCluster`)
 * @param scope the construct the error is about
 * @param detail which value is wrong and what would be accepted
 */
export function invalid(kind: string, scope: IConstruct, detail: string): never {
  throw new FleetValidationError(`${kind} '${scope.node.path}': ${detail}`, scope.node.path);
}

/**
 * Throws before a child construct is added when `id` is already used under `scope`,
 * with a message that says where and what to do (the constructs library's own
 * message does not say which kind of construct collided).
 */
export function assertUniqueChildId(kind: string, scope: IConstruct, id: string): void {
  if (scope.node.tryFindChild(id) !== undefined) {
    const where = scope.node.path || '(root)';
    throw new FleetValidationError(
      `${kind} '${where}/${id}': id '${id}' is already used under '${where}'; ids must be unique among siblings (pick another id)`,
      `${where}/${id}`,
    );
  }
}

/** Quotes a value for an error message: strings in single quotes, everything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
