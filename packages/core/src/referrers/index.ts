// Referrers (OCI 1.1 `subject`): attach, discover, select, copy; the tag schema and the API.
export * from './referrers-tag.js';
export * from './referrer-descriptor.js';
export * from './json-scan.js';
export * from './content-kinds.js';
export * from './remote-referrers.js';
export * from './attach.js';
export * from './discover.js';
export * from './render.js';
export * from './select-referrer.js';
export * from './copy-referrers.js';
export * from './tidy-result.js';
export * from './tidy-referrers.js';
export * from './tidy-render.js';
