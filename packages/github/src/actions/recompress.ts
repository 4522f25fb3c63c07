/**
 * recompress: the tar+gzip layers of an image or index to tar+zstd, streamed,
 * the same core call as `ocikit recompress` (recompressReference).
 */
import * as actions from '@actions/core';
import {
  DEFAULT_ZSTD_LEVEL,
  checkZstdLevel,
  givenCredentialRegistries,
  parsePlatform,
  parseReference,
  recompressReference,
  recompressResultJson,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getRequired, getString } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeRecompressSummary } from '../summaries/recompress.js';
import { registryHosts, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

const MODES = ['replace', 'add'] as const;

export async function run(env: Env = process.env): Promise<void> {
  await runAction('recompress', async (secrets, signal) => {
    const { progress, connection, source, destination } = startStep(env, secrets, signal, () => {
      const source = parseReference(getRequired('source', env));
      const destinationText = getString('destination', env);
      const destination = destinationText ? parseReference(destinationText) : undefined;
      return { source, destination, registries: registryHosts(source, ...(destination ? [destination] : [])), givenFor: givenCredentialRegistries(destination ?? source, [source]) };
    });
    const level = checkZstdLevel(getPositiveInteger('level', DEFAULT_ZSTD_LEVEL, env));
    const mode = getChoice('mode', MODES, 'replace', env);
    const platforms = getList('platforms', { comma: true }, env).map((platform) => parsePlatform(platform));
    const concurrency = getPositiveInteger('concurrency', 3, env);
    const carryReferrers = getBoolean('referrers', false, env);
    const tempDir = getString('temp-dir', env);

    const result = await recompressReference(source, destination, {
      ...connection,
      ...uploadInputs(env),
      level,
      mode,
      platforms,
      concurrency,
      carryReferrers,
      progress,
      ...(tempDir ? { tempDir } : {}),
    });
    const json = recompressResultJson(result);
    actions.info(json.changed ? `Recompressed ${json.reference}` : `Nothing to recompress: ${json.reference} has no tar+gzip layers`);
    setOutputs({ digest: json.digest, reference: json.reference, changed: String(json.changed), json });
    if (json.changed) await announcePushed(json.reference, env);
    await writeRecompressSummary(json);
  });
}
