export const Annotation = {
  Title: 'org.opencontainers.image.title',
  Created: 'org.opencontainers.image.created',
  RefName: 'org.opencontainers.image.ref.name',
  Source: 'org.opencontainers.image.source',
  Revision: 'org.opencontainers.image.revision',
  /** oras: the layer is a tar+gzip of a directory that pull unpacks. */
  OrasUnpack: 'io.deis.oras.content.unpack',
  /** oras: digest of the directory's uncompressed tar. */
  OrasContentDigest: 'io.deis.oras.content.digest',
} as const;
