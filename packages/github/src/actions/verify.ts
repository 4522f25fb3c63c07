/**
 * verify: the signatures (or attestations of `type`) attached to `reference`,
 * each verified, the same core call as `ocikit verify` (verifyReference). The
 * step fails unless one verifies; the summary shows each referrer's outcome.
 */
import * as actions from '@actions/core';
import {
  PUBLIC_GOOD_TUF_MIRROR,
  REFERRERS_MODES,
  type TufRepository,
  type VerificationPolicy,
  type VerificationPolicyNames,
  noneVerifiedError,
  openTarget,
  readPublicKeyPem,
  readTrustedRootFile,
  trustedRootFromTuf,
  tufCacheDir,
  verifyReference,
  verifyResultJson,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeVerifySummary } from '../summaries/verify.js';
import { referenceInput, startStep } from '../target-options.js';
import { type TufCacheService, restoreTufCache, saveTufCache } from '../tuf-cache.js';

export interface VerifyDependencies {
  /** Loaded only when the trusted root comes through TUF, so other verifies never load @actions/cache. */
  loadCache?: () => Promise<TufCacheService>;
}

const loadActionsCache = async (): Promise<TufCacheService> => import('@actions/cache');

export async function run(env: Env = process.env, dependencies: VerifyDependencies = {}): Promise<void> {
  await runAction('verify', async (secrets, signal) => {
    const { connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const policy = await policyFromInputs(env);
    const type = getString('type', env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const tuf = tufFromInputs(env);
    // Keyless without trusted-root: core fetches the trusted root through TUF; the Actions cache keeps what it checked.
    const cache = trustedRootFromTuf(policy) ? await restoreTufCache(dependencies.loadCache ?? loadActionsCache, tuf.mirror ?? PUBLIC_GOOD_TUF_MIRROR, tuf.cacheDir) : undefined;

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await verifyReference(target, selector, { policy, policyNames: POLICY_INPUTS, tuf, ...(type ? { predicateType: type } : {}) });
      if (cache) await saveTufCache(cache);
      const json = verifyResultJson(reference, result);
      for (const r of json.referrers) actions.info(`${r.outcome.padEnd(8)} ${r.reference}${r.outcome === 'verified' ? '' : `: ${r.message ?? ''}`}`);
      setOutputs({ verified: json.verified, subject: json.subject.reference, json });
      await writeVerifySummary(json, 'insecure-ignore-tlog');
      if (!json.verified) throw noneVerifiedError(json, { signHint: 'sign it with the ocikit sign action; the discover action shows what is attached', reasons: true });
    } finally {
      await target.close();
    }
  });
}

/** The policy as the inputs give it; verifyReference checks it (naming these inputs) before anything is read. */
async function policyFromInputs(env: Env): Promise<VerificationPolicy> {
  const publicKey = getString('public-key', env);
  const identity = getString('certificate-identity', env);
  const issuer = getString('certificate-oidc-issuer', env);
  const trustedRootPath = getString('trusted-root', env);
  const insecureIgnoreTlog = getBoolean('insecure-ignore-tlog', false, env);
  return {
    // What the CLI's --key takes (a path, env://NAME), or the PEM itself.
    ...(publicKey !== '' ? { publicKey: await readPublicKeyPem(publicKey, env) } : {}),
    ...(identity !== '' ? { certificateIdentity: identity } : {}),
    ...(issuer !== '' ? { certificateOidcIssuer: issuer } : {}),
    ...(trustedRootPath !== '' ? { trustedRoot: await readTrustedRootFile(trustedRootPath) } : {}),
    ...(insecureIgnoreTlog ? { insecureIgnoreTlog } : {}),
  };
}

/** The TUF repository a keyless verify without trusted-root fetches its trusted root from, cached where the CLI caches it. */
function tufFromInputs(env: Env): TufRepository & { cacheDir: string } {
  const mirror = getString('tuf-mirror', env);
  const initialRoot = getString('tuf-root', env);
  return { ...(mirror !== '' ? { mirror } : {}), ...(initialRoot !== '' ? { initialRoot } : {}), cacheDir: tufCacheDir(env) };
}

const POLICY_INPUTS: VerificationPolicyNames = {
  publicKey: 'the input public-key',
  certificateIdentity: 'certificate-identity',
  certificateOidcIssuer: 'certificate-oidc-issuer',
  trustedRoot: 'the input trusted-root',
  insecureIgnoreTlog: 'insecure-ignore-tlog: true',
};
