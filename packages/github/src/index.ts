// @ocikit/github: the GitHub Actions front end's shared modules. Each action is `run()`
// in ./actions/<verb>.ts (what @github/local-action runs); ./main/<verb>.ts is the
// entry ncc bundles into the action's dist/.
export * from './inputs.js';
export * from './auth.js';
export * from './outputs.js';
export * from './run-action.js';
export * from './run-annotations.js';
export * from './summary.js';
export * from './target-options.js';
