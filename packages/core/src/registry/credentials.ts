/** A username and password (or token) for one registry. Never logged. */
export interface BasicCredential {
  username: string;
  password: string;
}

/** A refresh token from `docker login` (`identitytoken` in config.json). */
export interface IdentityTokenCredential {
  identityToken: string;
  username?: string;
}

export type Credential = BasicCredential | IdentityTokenCredential;

/** Looks up the credential for a registry host (`ghcr.io`, `127.0.0.1:5000`). */
export type CredentialProvider = (registry: string) => Promise<Credential | undefined>;

export const noCredentials: CredentialProvider = async () => undefined;

export function staticCredentials(credential: Credential | undefined): CredentialProvider {
  return async () => credential;
}

export function isBasicCredential(credential: Credential): credential is BasicCredential {
  return 'password' in credential;
}

/** Every secret a credential carries, so front ends can mask them. */
export function credentialSecrets(credential: Credential | undefined): string[] {
  if (!credential) return [];
  return isBasicCredential(credential) ? [credential.password] : [credential.identityToken];
}
