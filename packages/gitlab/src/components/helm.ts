/** templates/helm.yml: a packaged chart pushed as `helm push` does, or pulled as `helm pull oci://` does (`ocikit helm push|pull`). */
import { type HelmPullResultJson, type HelmPushResultJson, OcikitError, canonicalRegistryHost } from '@ocikit/core';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Component, JobContext } from '../component.js';
import { shippedArtifact } from '../shipped-artifact.js';

const COMMANDS = ['push', 'pull'] as const;

export const helm: Component<HelmPushResultJson | HelmPullResultJson> = {
  verb: 'helm',
  inputs: { string: ['command', 'repository', 'chart', 'version', 'path'], boolean: ['provenance'], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  plan(inputs, job) {
    const command = inputs.choice('command', COMMANDS, 'push');
    const repository = inputs.required('repository').replace(/^(oci:\/\/)?/, 'oci://').replace(/\/+$/, '');
    // The registry is the repository's host, as helm reads it (a repository may be a bare host).
    const registries = [canonicalRegistryHost(repository)];
    const chart = inputs.required('chart');
    const provenance = inputs.flag('provenance');
    if (command === 'pull') {
      if (chart.includes('/') || chart.includes(':')) {
        throw new OcikitError('INVALID_INPUT', `the input chart is ${chart}: for pull, give the chart's name`, { hint: 'its registry and namespace are the repository input' });
      }
      const options = ['--output', inputs.text('path') || '.', ...(inputs.text('version') ? ['--version', inputs.text('version')] : []), ...(provenance ? ['--prov'] : [])];
      return { command: ['helm', 'pull'], options, positionals: [`${repository}/${chart}`], registries };
    }
    if (inputs.text('version')) {
      throw new OcikitError('INVALID_INPUT', 'the input version is for command pull', { hint: "push takes the version from the chart's Chart.yaml" });
    }
    const packaged = packagedChart(chart, job);
    if (provenance && !existsSync(resolve(job.cwd, `${packaged}.prov`))) {
      throw new OcikitError('INVALID_INPUT', `the input provenance is true but ${packaged}.prov does not exist`, { hint: 'helm package --sign writes it next to the chart' });
    }
    return { command: ['helm', 'push'], options: provenance ? ['--prov', `${packaged}.prov`] : [], positionals: [packaged, repository], registries };
  },
  report(result, inputs) {
    if (inputs.choice('command', COMMANDS, 'push') === 'push') {
      return { summary: [`pushed ${result.name} ${result.version}: ${result.reference}`], outputs: { VERSION: result.version, ...shippedArtifact(result.reference) } };
    }
    const pulled = result as HelmPullResultJson;
    return {
      summary: [`pulled ${pulled.name} ${pulled.version}: ${pulled.reference}`, `  wrote ${pulled.path}`, ...(pulled.provenance ? [`  wrote ${pulled.provenance}`] : [])],
      outputs: { VERSION: pulled.version, FILE: pulled.path },
    };
  },
};

/** The chart input: a .tgz, or a directory holding exactly one (where `helm package --destination` wrote it). */
function packagedChart(chart: string, job: JobContext): string {
  const at = resolve(job.cwd, chart);
  if (!existsSync(at) || !statSync(at).isDirectory()) return chart;
  const packaged = readdirSync(at).filter((name) => name.endsWith('.tgz'));
  if (packaged.length !== 1) {
    throw new OcikitError('INVALID_INPUT', `the input chart is ${chart}, which holds ${packaged.length} .tgz files (${packaged.join(', ') || 'none'})`, {
      hint: 'give the one to push',
    });
  }
  return join(chart, packaged[0]!);
}
