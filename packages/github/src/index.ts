// @ocikit/github: the GitHub Actions front end. Each action is `run()` in
// ./actions/<verb>.ts (what @github/local-action runs); ./main/<verb>.ts is the
// entry ncc bundles into the action's dist/.
export * from './inputs.js';
export * from './auth.js';
export * from './outputs.js';
export * from './run-action.js';
export * from './run-annotations.js';
export * from './summary.js';
export * from './target-options.js';
export { run as push } from './actions/push.js';
export { run as pull, pullCacheKey, type CacheService, type PullDependencies } from './actions/pull.js';
export { run as attach } from './actions/attach.js';
export { run as discover } from './actions/discover.js';
export { run as copy } from './actions/copy.js';
export { run as index } from './actions/index.js';
export { run as recompress } from './actions/recompress.js';
export { run as helm } from './actions/helm.js';
export { run as release } from './actions/release.js';
export { run as setup } from './actions/setup.js';
