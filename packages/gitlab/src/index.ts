// @ocikit/gitlab: the GitLab CI/CD front end. Each templates/<verb>.yml declares its
// inputs and runs `ocikit gitlab <verb>` (the CLI's subcommand), which is runComponent.
export * from './component.js';
export * from './credentials.js';
export * from './front-end-words.js';
export * from './inputs.js';
export * from './pipeline.js';
export * from './run-component.js';
