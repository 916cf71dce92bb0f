/**
 * The container image reference grammar of the OCI distribution reference
 * (github.com/distribution/reference, grammar in its doc comment):
 *
 *   reference      := name [ ":" tag ] [ "@" digest ]
 *   name           := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain         := host [ ":" port ]           (first component with '.' or ':', or 'localhost')
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag            := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest         := "sha256:" 64 lowercase hex digits (the only algorithm registries accept)
 */

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*(?::\d{1,5})?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The parts of a valid image reference. */
export interface ImageRef {
  readonly domain?: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Parses an image reference; returns the reason it is not one, worded as `it ...`, or the parts. */
export function parseImageRef(ref: unknown): ImageRef | string {
  if (typeof ref !== 'string' || ref === '') return 'it is empty';
  if (/\s/.test(ref)) return 'it contains whitespace (flags such as --privileged are not part of an image reference)';
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `its digest '${digest}' is not 'sha256:' followed by 64 lowercase hex digits`;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return tag === '' ? 'its tag is empty (after the \':\')' : `its tag '${tag}' is not 1-128 letters, digits, '_', '.' or '-' (not starting with '.' or '-')`;
  }
  if (rest.length > 255) return `its name is ${rest.length} characters long (at most 255)`;
  const parts = rest.split('/');
  let domain: string | undefined;
  // Unlike Docker, a capitalized first component is not taken for a registry host: 'Acme/web' is a typo, not a host.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    domain = parts.shift()!;
    if (!DOMAIN.test(domain)) return `its registry '${domain}' is not a host name with an optional port`;
  }
  const bad = parts.find(p => !PATH_COMPONENT.test(p));
  if (bad !== undefined) {
    return bad === '' ? 'its repository has an empty path component'
      : `its repository component '${bad}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`;
  }
  return { domain, path: parts.join('/'), tag, digest };
}

/** Returns why `ref` is not an image reference, or undefined when it is one. */
export function imageRefProblem(ref: unknown): string | undefined {
  const parsed = parseImageRef(ref);
  return typeof parsed === 'string' ? parsed : undefined;
}
