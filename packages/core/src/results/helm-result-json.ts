/** What `helm push` and `helm pull` report (`ocikit helm … --json`, the helm action's `json` output). */
import type { PulledChart, PushedChart } from '../helm/helm-chart.js';
import type { Descriptor } from '../oci/manifest.js';
import { pinnedReference } from '../reference/reference.js';

export interface HelmPushResultJson extends Descriptor {
  /** `registry/namespace/name:version@digest` (`+` in the version is `_` in the tag). */
  reference: string;
  name: string;
  version: string;
  config: Descriptor;
  chart: Descriptor;
  provenance?: Descriptor;
}

export interface HelmPullResultJson extends Descriptor {
  reference: string;
  name: string;
  version: string;
  /** Where `<name>-<version>.tgz` was written. */
  path: string;
  provenance: string | undefined;
}

export function helmPushResultJson(result: PushedChart): HelmPushResultJson {
  return {
    reference: pinnedReference(result.reference, result.reference.tag, result.descriptor.digest),
    ...result.descriptor,
    name: result.metadata.name,
    version: result.metadata.version,
    config: result.config,
    chart: result.chart,
    ...(result.provenance ? { provenance: result.provenance } : {}),
  };
}

export function helmPullResultJson(result: PulledChart): HelmPullResultJson {
  return {
    reference: pinnedReference(result.reference, result.reference.tag, result.descriptor.digest),
    ...result.descriptor,
    name: result.name,
    version: result.version,
    path: result.path,
    provenance: result.provenancePath,
  };
}
