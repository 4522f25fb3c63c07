import { formatBytes } from '@ocikit/core';

export { formatBytes };

export function formatRate(bytes: number, milliseconds: number): string {
  return milliseconds <= 0 ? '' : `${formatBytes((bytes * 1000) / milliseconds)}/s`;
}

export function shortDigest(digest: string): string {
  return digest.slice(0, 19);
}
