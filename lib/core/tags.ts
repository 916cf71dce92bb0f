import { IConstruct } from 'constructs';

const TAGS = new WeakMap<IConstruct, Record<string, string>>();

/**
 * Records tags for a construct and everything below it. Synthesis merges the
 * tags of every enclosing scope (outermost first) into each taggable resource.
 */
export function addTags(scope: IConstruct, tags: Record<string, string> | undefined): void {
  if (!tags || Object.keys(tags).length === 0) return;
  TAGS.set(scope, { ...(TAGS.get(scope) ?? {}), ...tags });
}

/** The tags in force at `scope`: those of every enclosing scope, inner ones winning. */
export function tagsAt(scope: IConstruct): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const s of scope.node.scopes) Object.assign(merged, TAGS.get(s) ?? {});
  return merged;
}

/** Returns why a tag (key, value) is not valid on every cloud's resources, or undefined. */
export function tagProblem(key: string, value: string): string | undefined {
  if (key.length === 0 || key.length > 63) return `key '${key}' must be 1-63 characters`;
  if (!/^[a-z][a-z0-9_-]*$/.test(key)) {
    return `key '${key}' must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-' (the rules every cloud accepts)`;
  }
  if (value.length > 63 || !/^[a-z0-9_-]*$/.test(value)) {
    return `value '${value}' of tag '${key}' must be at most 63 lowercase letters, digits, '_' or '-' (the rules every cloud accepts)`;
  }
  return undefined;
}
