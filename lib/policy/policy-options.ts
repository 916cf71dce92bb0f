import { IPolicyPack, PolicyMode } from './pack';
import { KubernetesBestPractices } from './packs/best-practices';
import { ClusterHardening } from './packs/cluster-hardening';
import { PodSecurity } from './packs/pod-security-pack';

/** Policy settings of a fleet (`new Fleet({ policy: { ... } })`). */
export interface PolicyOptions {
  /**
   * Fleet-wide mode, a ceiling over each pack's own mode: `OFF` runs nothing and
   * writes no reports, `WARN` reports every error as a warning, `ENFORCE` lets each
   * pack's mode decide (errors of enforced packs fail synth; nothing is written).
   * @default PolicyMode.ENFORCE
   */
  readonly mode?: PolicyMode;
  /**
   * The packs to run. Add your own next to the defaults with
   * `[...PolicyPacks.defaults(), new MyPack()]`.
   * @default PolicyPacks.defaults()
   */
  readonly packs?: IPolicyPack[];
  /**
   * Rule ids no suppression may silence: a matching suppression is ignored (the
   * finding stays and the report lists the suppression as ignored).
   * @default - every rule can be suppressed
   */
  readonly unsuppressible?: string[];
}

/** The bundled packs. */
export class PolicyPacks {
  /**
   * The default packs: Pod Security `restricted` (enforced), cluster hardening
   * (enforced) and Kubernetes best practices (warnings).
   */
  public static defaults(): IPolicyPack[] {
    return [PodSecurity.restricted(), ClusterHardening.recommended(), KubernetesBestPractices.recommended()];
  }

  private constructor() {}
}
