// The result of each verb as every front end reports it (`--json`, action outputs, GitLab's JSON file).
export * from './push-result-json.js';
export * from './pull-result-json.js';
export * from './copy-result-json.js';
export * from './referrer-result-json.js';
export * from './attach-result-json.js';
export * from './index-result-json.js';
export * from './recompress-result-json.js';
export * from './helm-result-json.js';
export * from './release-result-json.js';
