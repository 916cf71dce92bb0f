import { ERROR_CODES, ErrorCode } from './error-codes';
import { FLEET_ERROR_BRAND } from './errors';

/** A code at the end of a line of a message: `... [CKF-E-PROPS]` (a stack trace may follow in other languages). */
const TRAILING_CODE = /\[(CKF-E-[A-Z]+(?:-[A-Z]+)*)\][ \t]*$/gm;

/**
 * Recognizes cdk-fleet's errors and reads their code and construct path. Every error
 * the library raises for a mistake in the fleet definition (at construction or synth)
 * carries a brand, a stable code (docs/errors.md lists them) and, when it is about one
 * construct, its path; its message ends with the code in brackets.
 *
 * In TypeScript/JavaScript pass the caught error. In Python, Java, Go and .NET the
 * error arrives as the language's own exception carrying the message only: pass the
 * message (`FleetErrors.codeOf(str(e))`).
 */
export class FleetErrors {
  /** A prop or option has a value that is not accepted. */
  public static readonly PROPS: string = ErrorCode.PROPS;
  /** A name or id is used twice where it must be unique. */
  public static readonly DUPLICATE: string = ErrorCode.DUPLICATE;
  /** A prop refers to something the fleet does not have. */
  public static readonly REFERENCE: string = ErrorCode.REFERENCE;
  /** A workload cannot run where it is placed. */
  public static readonly PLACEMENT: string = ErrorCode.PLACEMENT;
  /** A cluster lacks something its workloads or add-ons need. */
  public static readonly CAPABILITY: string = ErrorCode.CAPABILITY;
  /** A team's workloads exceed its quota on a cluster. */
  public static readonly QUOTA: string = ErrorCode.QUOTA;
  /** Two parts of the fleet ask for contradicting things. */
  public static readonly CONFLICT: string = ErrorCode.CONFLICT;
  /** An edge inventory file cannot be read or has a malformed entry. */
  public static readonly INVENTORY: string = ErrorCode.INVENTORY;
  /** Constructs reported errors at synth (all listed, nothing written). */
  public static readonly VALIDATION: string = ErrorCode.VALIDATION;
  /** An enforced policy pack found errors (nothing written). */
  public static readonly POLICY: string = ErrorCode.POLICY;
  /** The policy setup is inconsistent or a pack misbehaves. */
  public static readonly POLICY_CONFIG: string = ErrorCode.POLICY_CONFIG;
  /** The output directory cannot be written, locked or replaced. */
  public static readonly OUTPUT: string = ErrorCode.OUTPUT;
  /** Synthesis would strand or overwrite Terraform state. */
  public static readonly STATE: string = ErrorCode.STATE;

  /**
   * Whether `error` is a cdk-fleet error, from this copy of the library or any other
   * (the brand is `Symbol.for('cdk-fleet.error')`, not a class identity).
   */
  public static isFleetError(error: any): boolean {
    return error !== null && typeof error === 'object' && (error as any)[FLEET_ERROR_BRAND] === true;
  }

  /**
   * The code of a cdk-fleet error (e.g. `CKF-E-PROPS`), or of an error message with one at
   * the end of a line (how errors reach Python, Java, Go and .NET, possibly followed by a
   * stack trace).
   * @returns undefined when `error` is neither
   */
  public static codeOf(error: any): string | undefined {
    if (FleetErrors.isFleetError(error) && typeof error.code === 'string') return error.code;
    const message = typeof error === 'string' ? error : error !== null && typeof error === 'object' && typeof error.message === 'string' ? error.message : undefined;
    if (message === undefined) return undefined;
    const codes = [...message.matchAll(TRAILING_CODE)].map(m => m[1]);
    return codes.length > 0 ? codes[codes.length - 1] : undefined;
  }

  /**
   * Path of the construct a cdk-fleet error is about (e.g. `fleet/prod-us/gpu`).
   * @returns undefined when `error` is not a cdk-fleet error or is not about one construct
   */
  public static constructPathOf(error: any): string | undefined {
    if (!FleetErrors.isFleetError(error) || typeof error.constructPath !== 'string' || error.constructPath === '') return undefined;
    return error.constructPath;
  }

  /** Every error code, sorted. */
  public static codes(): string[] {
    return ERROR_CODES.map(c => c.code).sort();
  }

  private constructor() {}
}
