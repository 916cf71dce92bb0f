/**
 * Orders strings by UTF-16 code units, the same on every machine. Never use
 * `localeCompare` or `Intl.Collator` for output order: their result depends on the
 * process locale (`LANG`, `LC_ALL`) and the ICU data node was built with, so `tr_TR`
 * would reorder 'I'/'i' and `et_EE` would sort 'z' before 't'. Code-unit order is
 * what `Array.prototype.sort()` uses without a comparator.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

