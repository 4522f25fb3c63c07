/**
 * verify: the signatures (or attestations of `type`) attached to `reference`,
 * each verified, the same core call as `ocikit verify` (verifyReference). The
 * step fails unless one verifies; the summary shows each referrer's outcome.
 */
import * as actions from '@actions/core';
import {
  REFERRERS_MODES,
  type VerificationPolicy,
  type VerificationPolicyNames,
  noneVerifiedError,
  openTarget,
  readPublicKeyPem,
  readTrustedRootFile,
  verifyReference,
  verifyResultJson,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeVerifySummary } from '../summaries/verify.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('verify', async (secrets, signal) => {
    const { connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const policy = await policyFromInputs(env);
    const type = getString('type', env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await verifyReference(target, selector, { policy, policyNames: POLICY_INPUTS, ...(type ? { predicateType: type } : {}) });
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

const POLICY_INPUTS: VerificationPolicyNames = {
  publicKey: 'the input public-key',
  certificateIdentity: 'certificate-identity',
  certificateOidcIssuer: 'certificate-oidc-issuer',
  trustedRoot: 'the input trusted-root',
  insecureIgnoreTlog: 'insecure-ignore-tlog: true',
};
