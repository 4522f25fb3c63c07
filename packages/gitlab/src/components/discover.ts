/**
 * templates/discover.yml: the referrers graph in the job log, as JSON and as
 * ocikit-referrers.md, whose Mermaid graph GitLab draws (`ocikit discover`, run for
 * the JSON, the Mermaid graph and, for the log, the tree or the table).
 */
import { DISCOVER_FORMATS, type ReferrerJson, type ReferrersGraphJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf, valueOption } from '../component.js';

export const MARKDOWN = 'ocikit-referrers.md';
const FOUND: Record<string, string> = { api: 'with the referrers API', tag: 'in the sha256-<hex> tag schema', layout: 'in the layout' };

const count = (nodes: readonly ReferrerJson[]): number => nodes.reduce((n, node) => n + 1 + count(node.referrers ?? []), 0);

export const discover: Component<ReferrersGraphJson> = {
  verb: 'discover',
  inputs: { string: ['reference', 'artifact-type', 'format', 'referrers-mode'], boolean: ['legacy'], number: ['depth'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'depth'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const format = inputs.choice('format', DISCOVER_FORMATS, 'tree');
    const options = [...valueOption(inputs, 'artifact-type'), ...referrersModeOptions(inputs), ...(inputs.flag('legacy') ? [] : ['--no-legacy'])];
    // --json prints the graph as JSON; the Mermaid graph (and the tree or table for the log) take a run each.
    const more = [[...options, '--format', 'mermaid'], ...(format === 'tree' || format === 'table' ? [[...options, '--format', format]] : [])];
    return { command: ['discover'], options, positionals: [reference], registries: registriesOf(reference), more };
  },
  report(result, inputs, [mermaid = '', text = '']) {
    const direct = (result.referrers ?? []).length;
    const all = count(result.referrers ?? []);
    const line = `${all} referrer${all === 1 ? '' : 's'} (${direct} direct), found ${FOUND[result.via ?? ''] ?? 'in the registry'}`;
    const format = inputs.choice('format', DISCOVER_FORMATS, 'tree');
    const shown = format === 'mermaid' ? mermaid : format === 'json' ? JSON.stringify(result, null, 2) : text;
    return {
      summary: [...shown.trimEnd().split('\n'), `${result.reference}: ${line}; the graph: ${MARKDOWN}`],
      outputs: { COUNT: String(all), MARKDOWN },
      files: { [MARKDOWN]: `# Referrers of ${result.reference}\n\n${line}.\n\n${mermaid.trimEnd()}\n` },
    };
  },
};
