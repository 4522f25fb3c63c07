# The ocikit CLI image: Node.js 24, the CLI bundled into one directory (no
# node_modules), `ocikit` on PATH, running as the unprivileged `node` user. It is the
# default `image` of the GitLab CI/CD components in templates/, and works as a
# plain tool image too:
#
#   docker build -t ocikit .
#   docker run --rm -v "$PWD:/work" -w /work ocikit ocikit push oci-layout:./out:v1 README.md
#
# No ENTRYPOINT: GitLab runs a job's script through the image's shell, so the
# image must start whatever command it is given.
#
# Multi-platform (`docker buildx build --platform linux/amd64,linux/arm64`): the bundle
# is JavaScript, so it is built once on the builder's own platform, and the image of
# each platform only copies files onto that platform's Node image (no RUN there, so no
# emulation is needed).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS build
WORKDIR /src
# Dependencies first, so they stay cached while the sources change.
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/core/package.json packages/core/
COPY packages/gitlab/package.json packages/gitlab/
COPY packages/cli/package.json packages/cli/
COPY packages/github/package.json packages/github/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY packages/core packages/core
COPY packages/gitlab packages/gitlab
COPY packages/cli packages/cli
COPY scripts scripts
# tsc, then the CLI's own bundle step (@vercel/ncc: everything bin/ocikit.js runs, as
# ESM with code-split chunks and the licenses of what it bundles, the GitLab
# components' program `ocikit gitlab <verb>` included): the same bytes as the npm
# package's bundle/.
RUN npx tsc -b packages/core packages/gitlab packages/cli \
 && node packages/cli/scripts/bundle-cli.mjs \
 && node packages/cli/bin/ocikit.js --version \
 && mkdir -p /out/bin \
 && printf '#!/bin/sh\nexec node /opt/ocikit/bin/ocikit.js "$@"\n' > /out/bin/ocikit \
 && chmod 755 /out/bin/ocikit

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="ocikit" \
      org.opencontainers.image.description="Ship build outputs to OCI registries from CI: the ocikit CLI" \
      org.opencontainers.image.licenses="Apache-2.0"
# The npm package's files: package.json (ESM), bin/ and bundle/.
COPY --from=build /src/packages/cli/package.json /opt/ocikit/package.json
COPY --from=build /src/packages/cli/bin /opt/ocikit/bin
COPY --from=build /src/packages/cli/bundle /opt/ocikit/bundle
COPY --from=build /out/bin/ocikit /usr/local/bin/ocikit
# The CLI is read-only for the user that runs it.
USER node
WORKDIR /home/node
CMD ["ocikit", "--help"]
