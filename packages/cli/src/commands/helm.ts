import type { Command } from 'commander';
import { OcikitError, formatReference, helmPullResultJson, helmPushResultJson, pullHelmChart, pushHelmChart, sourceDateEpoch } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface HelmPushFlags extends RemoteFlags {
  prov?: string;
}

interface HelmPullFlags extends RemoteFlags {
  version?: string;
  output: string;
  /** helm's own name for --output (`helm pull -d`). */
  destination?: string;
  prov?: boolean;
}

/** `ocikit helm push|pull`: Helm charts in the layout helm itself writes and reads. */
export function registerHelm(program: Command, context: CliContext): void {
  const helm = program.command('helm').description('push and pull Helm charts as `helm push` and `helm pull oci://` do');

  addRemoteOptions(
    helm
      .command('push')
      .description('push a packaged chart (.tgz) to <namespace>/<chart name>:<version>')
      .argument('<chart>', 'the chart archive, as `helm package` writes it')
      .argument('<remote>', 'oci://<registry>/<namespace>')
      .option('--prov <file>', 'the provenance file (`helm package --sign` writes <chart>.tgz.prov)'),
  ).action(async (chart: string, remote: string, flags: HelmPushFlags) => {
    const progress = createProgressRenderer(context);
    try {
      const epoch = sourceDateEpoch(context.env);
      const options = await targetOptions(flags, context, progress);
      const result = await pushHelmChart(chart, remote, {
        ...options,
        ...(flags.prov ? { provenance: flags.prov } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        progress,
      });
      progress.stop();
      const pushed = formatReference(result.reference);
      if (flags.json) {
        context.stdout.write(jsonLine(helmPushResultJson(result)));
      } else {
        context.stdout.write(`Pushed: ${pushed}\nDigest: ${result.descriptor.digest}\n`);
      }
    } finally {
      progress.stop();
    }
  });

  addRemoteOptions(
    helm
      .command('pull')
      .description('pull a chart as <name>-<version>.tgz, as `helm pull oci://` does')
      .argument('<remote>', 'oci://<registry>/<namespace>/<chart name>[:<version>]')
      .option('--version <version>', 'the chart version (default: the highest release version)')
      .option('-o, --output <dir>', 'where to write the chart', '.')
      .option('-d, --destination <dir>', 'the same as --output, as helm pull names it')
      .option('--prov', 'also write the provenance file (<name>-<version>.tgz.prov)'),
  ).action(async (remote: string, flags: HelmPullFlags, command: Command) => {
    if (flags.destination !== undefined && command.getOptionValueSource('output') === 'cli' && flags.destination !== flags.output) {
      throw new OcikitError('INVALID_INPUT', `-o/--output ${flags.output} and -d/--destination ${flags.destination} name two directories`, {
        hint: 'give one of them (they are the same option)',
      });
    }
    const outputDir = flags.destination ?? flags.output;
    const progress = createProgressRenderer(context);
    try {
      const options = await targetOptions(flags, context, progress);
      const result = await pullHelmChart(remote, {
        ...options,
        ...(flags.version ? { version: flags.version } : {}),
        outputDir,
        ...(flags.prov ? { provenance: true } : {}),
        progress,
      });
      progress.stop();
      const json = helmPullResultJson(result);
      if (flags.json) {
        context.stdout.write(jsonLine(json));
      } else {
        context.stdout.write(`Pulled: ${json.reference}\nDigest: ${result.descriptor.digest}\n  wrote ${result.path}\n`);
        if (result.provenancePath) context.stdout.write(`  wrote ${result.provenancePath}\n`);
      }
    } finally {
      progress.stop();
    }
  });
}
