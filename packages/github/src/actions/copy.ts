/**
 * copy: an image, index or artifact with everything it points to (and with
 * `referrers: true` its signatures, SBOMs and reports) between registries and
 * layouts, the same core call as `ocikit copy` (copyReference).
 */
import * as actions from '@actions/core';
import { REFERRERS_MODES, copyReference, copyResultJson, givenCredentialRegistries, parseReference } from '@ocikit/core';
import { type Env, getBoolean, getChoice, getPositiveInteger, getRequired } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeCopySummary } from '../summaries/copy.js';
import { registryHosts, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('copy', async (secrets, signal) => {
    const { progress, connection, source, destination } = startStep(env, secrets, signal, () => {
      const source = parseReference(getRequired('source', env));
      const destination = parseReference(getRequired('destination', env));
      return { source, destination, registries: registryHosts(source, destination), givenFor: givenCredentialRegistries(destination, [source]) };
    });
    const referrers = getBoolean('referrers', false, env);
    const anonymousMount = getBoolean('anonymous-mount', false, env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const concurrency = getPositiveInteger('concurrency', 3, env);

    const result = await copyReference(source, destination, {
      ...connection,
      ...uploadInputs(env),
      concurrency,
      progress,
      referrersMode,
      ...(referrers ? { referrers: true } : {}),
      ...(anonymousMount ? { anonymousMount: true } : {}),
    });
    const json = copyResultJson(result);
    actions.info(`Copied ${json.source} to ${json.destination}`);
    setOutputs({ digest: json.digest, reference: json.destination, json });
    await announcePushed(json.destination, env);
    await writeCopySummary(json, progress.transfers);
  });
}
