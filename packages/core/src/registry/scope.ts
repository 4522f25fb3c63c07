/**
 * Token scopes (`repository:org/app:pull,push`), merged so one token covers what
 * a whole operation needs (distribution-spec token scope grammar).
 */
export function repositoryScope(repository: string, actions: 'pull' | 'push' | 'delete' | 'pull,push'): string {
  return `repository:${repository}:${actions}`;
}

/** Union of scope strings (space-separated lists allowed), actions merged per resource, sorted. */
export function mergeScopes(...scopes: (string | undefined)[]): string {
  const byResource = actionsByResource(...scopes);
  return [...byResource.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([resource, actions]) => (actions.size ? `${resource}:${[...actions].sort().join(',')}` : resource))
    .join(' ');
}

/**
 * Whether a token asked for `granted` can serve a request needing `needed`: every
 * resource of `needed` with all its actions (`*` stands for every action).
 */
export function scopeCovers(granted: string, needed: string): boolean {
  const have = actionsByResource(granted);
  for (const [resource, actions] of actionsByResource(needed)) {
    const held = have.get(resource);
    if (!held) return false;
    if (held.has('*')) continue;
    for (const action of actions) if (!held.has(action)) return false;
  }
  return true;
}

/** `type:name:actions` scopes (space-separated lists allowed) as resource (`type:name`) → actions. */
function actionsByResource(...scopes: (string | undefined)[]): Map<string, Set<string>> {
  const byResource = new Map<string, Set<string>>();
  for (const list of scopes) {
    for (const scope of (list ?? '').split(' ')) {
      if (!scope) continue;
      const lastColon = scope.lastIndexOf(':');
      const resource = lastColon > 0 ? scope.slice(0, lastColon) : scope;
      const actions = lastColon > 0 ? scope.slice(lastColon + 1).split(',') : [];
      const set = byResource.get(resource) ?? new Set<string>();
      actions.filter(Boolean).forEach((a) => set.add(a));
      byResource.set(resource, set);
    }
  }
  return byResource;
}
