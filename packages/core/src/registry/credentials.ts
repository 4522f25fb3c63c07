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

/**
 * Every secret a credential carries, in every form it travels in, so front ends
 * can mask them wherever text is printed: as given, percent-encoded (a URL, a
 * form body) and as the Basic `Authorization` value it makes (a registry that
 * echoes its request headers prints that one).
 */
export function credentialSecrets(credential: Credential | undefined): string[] {
  if (!credential) return [];
  const [user, secret] = isBasicCredential(credential) ? [credential.username, credential.password] : [credential.username ?? IDENTITY_TOKEN_USER, credential.identityToken];
  if (secret === '') return [];
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(`${user}:${secret}`).toString('base64')])];
}

/** docker's user name for an identity token sent as a Basic password. */
export const IDENTITY_TOKEN_USER = '<token>';
