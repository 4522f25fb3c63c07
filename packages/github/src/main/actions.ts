/**
 * The one bundle every action runs (ncc → dist/actions.js, `npm run build:actions`).
 * Each action's `action.yml` runs a two-line `action.js` that calls `run` with its
 * verb; the verb's own code is a chunk of this bundle, loaded only when its action
 * starts, so the shared code (core, @actions/*, undici) is committed once.
 */
const ACTIONS = {
  push: () => import('../actions/push.js'),
  pull: () => import('../actions/pull.js'),
  attach: () => import('../actions/attach.js'),
  discover: () => import('../actions/discover.js'),
  'referrers-tidy': () => import('../actions/referrers-tidy.js'),
  copy: () => import('../actions/copy.js'),
  index: () => import('../actions/index.js'),
  recompress: () => import('../actions/recompress.js'),
  helm: () => import('../actions/helm.js'),
  release: () => import('../actions/release.js'),
  setup: () => import('../actions/setup.js'),
  install: () => import('../actions/install.js'),
  sign: () => import('../actions/sign.js'),
  attest: () => import('../actions/attest.js'),
  verify: () => import('../actions/verify.js'),
} as const;

export type ActionVerb = keyof typeof ACTIONS;

export async function run(verb: ActionVerb): Promise<void> {
  const load = ACTIONS[verb];
  if (!load) throw new Error(`ocikit has no action "${String(verb)}"`);
  await (await load()).run();
}
