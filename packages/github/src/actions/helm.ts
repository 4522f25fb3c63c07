/**
 * helm: push a packaged chart as `helm push` does, or pull one as `helm pull
 * oci://` does, the same core calls as `ocikit helm push|pull` (pushHelmChart,
 * pullHelmChart). `chart` is the .tgz to push, or the name of the chart to pull.
 */
import * as actions from '@actions/core';
import { helmPullResultJson, helmPushResultJson, parseHelmRemote, pullHelmChart, pushHelmChart, sourceDateEpoch } from '@ocikit/core';
import { type Env, getBoolean, getChoice, getRequired, getString } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeHelmPullSummary, writeHelmPushSummary } from '../summaries/helm.js';
import { startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

const COMMANDS = ['push', 'pull'] as const;

export async function run(env: Env = process.env): Promise<void> {
  await runAction('helm', async (secrets, signal) => {
    const { progress, connection, command, repository, chart } = startStep(env, secrets, signal, () => {
      const command = getChoice('command', COMMANDS, 'push', env);
      const repository = getRequired('repository', env).replace(/\/+$/, '');
      const chart = getRequired('chart', env);
      return { command, repository, chart, registries: [parseHelmRemote(repository).registry] };
    });

    if (command === 'push') {
      const provenance = getString('provenance', env);
      const epoch = sourceDateEpoch(env);
      const result = await pushHelmChart(chart, repository, {
        ...connection,
        ...uploadInputs(env),
        ...(provenance ? { provenance } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        progress,
      });
      const json = helmPushResultJson(result);
      actions.info(`Pushed ${json.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, version: json.version, file: '', json });
      await announcePushed(json.reference, env);
      await writeHelmPushSummary(json);
      return;
    }
    const version = getString('version', env);
    const result = await pullHelmChart(`${repository}/${chart}`, {
      ...connection,
      ...uploadInputs(env),
      ...(version ? { version } : {}),
      outputDir: getString('path', env) || '.',
      ...(getBoolean('provenance', false, env) ? { provenance: true } : {}),
      progress,
    });
    const json = helmPullResultJson(result);
    actions.info(`Pulled ${json.reference} into ${json.path}`);
    setOutputs({ digest: json.digest, reference: json.reference, version: json.version, file: json.path, json });
    await writeHelmPullSummary(json);
  });
}
