/**
 * sign: signs the manifest `reference` names (and each one `references` lists; with
 * `recursive: true` every manifest an index lists too) as `cosign sign` does (a
 * Sigstore bundle) and attaches each bundle as its referrer, the same core call as
 * `ocikit sign` (signReferences). With a key (`key`: the PEM text, from a secret)
 * or keyless (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio,
 * one certificate for all). The key text and the OIDC request token are masked
 * before anything runs.
 */
import { REFERRERS_MODES, explainUnreachableRekor, parseAnnotationArguments, signReferences, sourceDateEpoch } from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList } from '../inputs.js';
import { runAction } from '../run-action.js';
import { TLOG_HINT, maskSigningKeyInput, signerFromInputs } from '../signer-inputs.js';
import { openSubjects, reportSignatures, signingReferencesInput } from '../signing-references.js';
import { startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('sign', async (secrets, signal) => {
    maskSigningKeyInput(env, secrets);
    const { progress, connection, references } = startStep(env, secrets, signal, signingReferencesInput(env));
    const signer = await signerFromInputs('sign', env, secrets);
    const annotations = parseAnnotationArguments(getList('annotations', {}, env), 'sign');
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const recursive = getBoolean('recursive', false, env);
    const epoch = sourceDateEpoch(env);

    const { opened, close } = await openSubjects(references, { ...connection, referrersMode });
    try {
      const signed = await signReferences(
        opened.map(({ target, selector }) => ({ target, selector })),
        {
          signer,
          recursive,
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          progress,
        },
      ).catch((error: unknown) => {
        throw explainUnreachableRekor(error, signer, TLOG_HINT);
      });
      await reportSignatures('sign', opened, signed);
    } finally {
      await close();
    }
  });
}
