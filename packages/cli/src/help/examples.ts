import type { Command } from 'commander';

export interface Example {
  /** What it does, for the comment line above it. */
  what: string;
  /** The shell line, as a user would type it. */
  run: string;
}

/**
 * The examples each command's --help ends with: the few a user reaches for first.
 * Keyed by the command's path (`''` is the program, `manifest get` a subcommand).
 * A test parses every `ocikit` line here with the CLI's own parser, and requires
 * every command to have one.
 */
export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  '': [
    { what: 'push files as an artifact', run: 'ocikit push ghcr.io/org/app:v1.2.0 dist/app.tar.gz README.md' },
    { what: 'pull them back into a directory', run: 'ocikit pull ghcr.io/org/app:v1.2.0 -o out/' },
    { what: 'log in once (the token from standard input)', run: 'echo "$GITHUB_TOKEN" | ocikit login ghcr.io -u "$GITHUB_ACTOR" --password-stdin' },
  ],
  push: [
    { what: 'push files and a directory, tagged v1.2.0 and latest', run: 'ocikit push ghcr.io/org/app:v1.2.0 -t latest dist/app.tar.gz docs/' },
    {
      what: 'with an artifact type, a media type and an annotation',
      run: 'ocikit push ghcr.io/org/app:v1.2.0 --artifact-type application/vnd.org.app.v1 -a org.opencontainers.image.source=https://github.com/org/app config.json:application/json',
    },
    { what: 'into an OCI image layout directory instead of a registry', run: 'ocikit push oci-layout:./out:v1 dist/app.tar.gz' },
  ],
  pull: [
    { what: "an artifact's files into out/", run: 'ocikit pull ghcr.io/org/app:v1.2.0 -o out/' },
    { what: "this platform's file of a release (or another's)", run: 'ocikit pull ghcr.io/org/tool:v1 --platform linux/arm64' },
    { what: 'the SBOM attached to an image', run: 'ocikit pull ghcr.io/org/app:v1.2.0 --artifact-type application/spdx+json -o sbom/' },
  ],
  recompress: [
    { what: "an image's gzip layers to zstd, under the same tag", run: 'ocikit recompress ghcr.io/org/image:v1' },
    { what: 'to another tag, at a higher level', run: 'ocikit recompress ghcr.io/org/image:v1 ghcr.io/org/image:v1-zstd --level 9' },
    { what: 'keep gzip for old clients, add zstd for those that choose it', run: 'ocikit recompress ghcr.io/org/image:v1 --mode add' },
  ],
  copy: [
    { what: 'an image, index or artifact to another registry', run: 'ocikit copy ghcr.io/org/app:v1 registry.example.com/mirror/app:v1' },
    { what: 'with its signatures, SBOMs and reports', run: 'ocikit cp ghcr.io/org/app:v1 registry.example.com/mirror/app:v1 --referrers' },
    { what: 'into an OCI image layout directory', run: 'ocikit copy ghcr.io/org/app:v1 oci-layout:./backup:v1' },
  ],
  tag: [
    { what: 'give a release more tags', run: 'ocikit tag ghcr.io/org/app:v1.2.0 v1.2 v1 latest' },
    { what: 'only where the tag does not exist yet', run: 'ocikit tag ghcr.io/org/app:rc1 stable --no-overwrite' },
  ],
  resolve: [
    { what: 'the digest a tag names', run: 'ocikit resolve ghcr.io/org/app:v1.2.0' },
    { what: 'its whole descriptor', run: 'ocikit resolve ghcr.io/org/app:v1.2.0 --json' },
  ],
  tags: [
    { what: 'every tag of a repository', run: 'ocikit tags ghcr.io/org/app' },
    { what: 'those after v1.0.0 (lexical order)', run: 'ocikit tags ghcr.io/org/app --last v1.0.0' },
    { what: 'the tags of an OCI image layout', run: 'ocikit tags oci-layout:./out' },
  ],
  manifest: [
    { what: "print a manifest's exact bytes", run: 'ocikit manifest get ghcr.io/org/app:v1' },
    { what: 'store a manifest document as it is', run: 'ocikit manifest put ghcr.io/org/app:v1 manifest.json' },
    { what: 'delete a manifest', run: 'ocikit manifest delete ghcr.io/org/app:v1-rc1' },
  ],
  'manifest get': [
    { what: "a manifest's exact bytes", run: 'ocikit manifest get ghcr.io/org/app:v1' },
    { what: 'its descriptor (media type, digest, size)', run: 'ocikit manifest get ghcr.io/org/app:v1 --descriptor' },
  ],
  'manifest put': [
    { what: 'store a manifest file under a tag', run: 'ocikit manifest put ghcr.io/org/app:v1 manifest.json' },
    { what: 'from standard input, stored by digest', run: 'cat manifest.json | ocikit manifest put ghcr.io/org/app' },
  ],
  'manifest delete': [
    { what: 'delete a manifest (and every tag that names it)', run: 'ocikit manifest delete ghcr.io/org/app:v1-rc1' },
  ],
  attach: [
    { what: 'an SBOM to an image (SPDX and CycloneDX are recognised)', run: 'ocikit attach ghcr.io/org/app:v1 sbom.spdx.json' },
    { what: 'a scan report with its artifact type', run: 'ocikit attach ghcr.io/org/app:v1 scan.sarif --artifact-type application/sarif+json' },
    { what: 'any file with a media type and an annotation', run: 'ocikit attach ghcr.io/org/app:v1 report.json:application/json -a org.example.scanner=trivy' },
  ],
  referrers: [
    { what: 'what tidying the sha256-<hex> referrers indexes of a repository would change', run: 'ocikit referrers tidy ghcr.io/org/app' },
  ],
  'referrers tidy': [
    { what: 'what it would change (a dry run)', run: 'ocikit referrers tidy ghcr.io/org/app' },
    { what: 'write it, deleting the referrers of deleted images too', run: 'ocikit referrers tidy ghcr.io/org/app --apply --referrers' },
    { what: "one image's index only, as JSON", run: 'ocikit referrers tidy ghcr.io/org/app:v1 --json' },
  ],
  discover: [
    { what: 'the signatures, SBOMs and reports of an image, as a tree', run: 'ocikit discover ghcr.io/org/app:v1' },
    { what: 'as JSON', run: 'ocikit discover ghcr.io/org/app:v1 -o json' },
    { what: 'as a Mermaid diagram in a GitHub job summary', run: 'ocikit discover ghcr.io/org/app:v1 -o mermaid >> "$GITHUB_STEP_SUMMARY"' },
  ],
  sign: [
    { what: 'with a cosign key', run: 'ocikit sign ghcr.io/org/app:v1 --key cosign.key' },
    { what: "keyless, with the CI job's OIDC identity", run: 'ocikit sign ghcr.io/org/app:v1 --keyless' },
    { what: 'with a key from a variable, recorded in no transparency log', run: 'ocikit sign ghcr.io/org/app:v1 --key env://COSIGN_PRIVATE_KEY --no-tlog' },
    { what: 'a multi-platform image and every image it lists, in two registries, with one certificate', run: 'ocikit sign --recursive --keyless ghcr.io/org/app@sha256:… docker.io/org/app@sha256:…' },
  ],
  attest: [
    {
      what: 'SLSA provenance, keyless',
      run: 'ocikit attest ghcr.io/org/app:v1 --predicate provenance.json --type https://slsa.dev/provenance/v1 --keyless',
    },
    {
      what: 'a vulnerability report, with a cosign key',
      run: 'ocikit attest ghcr.io/org/app:v1 --predicate vuln.json --type https://cosign.sigstore.dev/attestation/vuln/v1 --key cosign.key',
    },
  ],
  verify: [
    { what: 'a signature made with a cosign key', run: 'ocikit verify ghcr.io/org/app:v1 --key cosign.pub' },
    {
      what: "a keyless signature from a GitHub workflow (the trusted root from Sigstore's TUF repository)",
      run: 'ocikit verify ghcr.io/org/app:v1 --certificate-identity https://github.com/org/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com',
    },
    {
      what: "keyless against a private Sigstore, through its TUF repository",
      run: 'ocikit verify registry.example.com/app:v1 --certificate-identity ci@example.com --certificate-oidc-issuer https://oidc.example.com --tuf-mirror https://tuf.example.com --tuf-root root.json',
    },
    { what: 'an attestation of a predicate type', run: 'ocikit verify ghcr.io/org/app:v1 --key cosign.pub --type https://slsa.dev/provenance/v1' },
  ],
  index: [
    { what: 'an index over images pushed by matrix jobs', run: 'ocikit index create ghcr.io/org/app:v1 :v1-amd64 :v1-arm64' },
    { what: 'add a platform to it', run: 'ocikit index add ghcr.io/org/app:v1 :v1-riscv64' },
    { what: 'remove one', run: 'ocikit index remove ghcr.io/org/app:v1 linux/riscv64' },
  ],
  'index create': [
    { what: 'an index over images pushed separately', run: 'ocikit index create ghcr.io/org/app:v1 ghcr.io/org/app:v1-amd64 ghcr.io/org/app:v1-arm64' },
    { what: 'over artifacts, each given its platform', run: 'ocikit index create ghcr.io/org/tool:v1 :v1-linux-amd64=linux/amd64 :v1-darwin-arm64=darwin/arm64' },
    { what: 'tagged latest too', run: 'ocikit index create ghcr.io/org/app:v1 :v1-amd64 :v1-arm64 -t latest' },
  ],
  'index add': [
    { what: 'add an image to an index', run: 'ocikit index add ghcr.io/org/app:v1 :v1-riscv64' },
    { what: "replace a platform's entry", run: 'ocikit index add ghcr.io/org/app:v1 :v1-arm64-rebuilt --replace' },
  ],
  'index remove': [
    { what: "remove a platform's entries", run: 'ocikit index remove ghcr.io/org/app:v1 linux/riscv64' },
  ],
  release: [
    {
      what: 'one artifact per platform and the index over them',
      run: 'ocikit release ghcr.io/org/tool:v1 dist/tool-linux-amd64=linux/amd64 dist/tool-linux-arm64=linux/arm64 dist/tool-darwin-arm64=darwin/arm64',
    },
    { what: 'tagged latest too', run: 'ocikit release ghcr.io/org/tool:v1 -t latest dist/tool-linux-amd64=linux/amd64 dist/tool.exe=windows/amd64' },
  ],
  helm: [
    { what: 'push a packaged chart', run: 'ocikit helm push mychart-1.2.3.tgz oci://ghcr.io/org/charts' },
    { what: 'pull it back', run: 'ocikit helm pull oci://ghcr.io/org/charts/mychart --version 1.2.3' },
  ],
  'helm push': [
    { what: 'push a chart to oci://ghcr.io/org/charts/mychart:1.2.3', run: 'ocikit helm push mychart-1.2.3.tgz oci://ghcr.io/org/charts' },
    { what: 'with its provenance file', run: 'ocikit helm push mychart-1.2.3.tgz oci://ghcr.io/org/charts --prov mychart-1.2.3.tgz.prov' },
  ],
  'helm pull': [
    { what: 'a chart version', run: 'ocikit helm pull oci://ghcr.io/org/charts/mychart --version 1.2.3' },
    { what: 'the highest release version, into charts/', run: 'ocikit helm pull oci://ghcr.io/org/charts/mychart -d charts/' },
  ],
  login: [
    { what: 'with a token from standard input', run: 'echo "$GITHUB_TOKEN" | ocikit login ghcr.io -u "$GITHUB_ACTOR" --password-stdin' },
    { what: 'into another Docker config file', run: 'ocikit login registry.example.com -u ci --password-stdin --registry-config ./docker-config.json < token.txt' },
  ],
  logout: [{ what: 'remove the stored credentials of a registry', run: 'ocikit logout ghcr.io' }],
  gitlab: [{ what: "the push component's job, its inputs in OCIKIT_IN_* variables", run: 'ocikit gitlab push' }],
  version: [
    { what: 'the version, Node.js, platform and git commit', run: 'ocikit version' },
    { what: 'as JSON', run: 'ocikit version --json' },
  ],
  completion: [
    { what: 'bash: complete in this shell (put it in ~/.bashrc)', run: 'source <(ocikit completion bash)' },
    { what: 'zsh: install it where compinit finds it', run: 'ocikit completion zsh > "${fpath[1]}/_ocikit"' },
    { what: 'fish', run: 'ocikit completion fish > ~/.config/fish/completions/ocikit.fish' },
  ],
};

/** The path `EXAMPLES` knows a command by: its names from the program down, space-separated. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Ends the --help of `program` and of every command under it with its examples. */
export function addExamples(program: Command): void {
  const examples = EXAMPLES[commandPath(program)];
  if (examples?.length) program.addHelpText('after', `\nExamples:\n${examples.map((e) => `  # ${e.what}\n  $ ${e.run}\n`).join('')}`);
  program.commands.forEach(addExamples);
}
