// The credentials pop-core signs with: checked before every request (pop-core would send an unsigned
// one without them), and every secret value seen remembered so that any text passed on can be scrubbed.
import { isAppError } from '../errors/app-error.js';
import { credentialsMissing } from '../errors/factories.js';
import { asRecord } from '../util.js';
import { MAX_SEEN_KEY_IDS, MAX_SEEN_SECRETS, type SeenCredentials } from './redact.js';
import type { CredentialsProvider, StaticCredentials } from './vpc-client.js';

export interface SigningCredentials {
  provider: CredentialsProvider;
  /** Every secret, security token and AccessKey ID signed with so far: scrubbed from any text passed on. */
  seen: SeenCredentials;
}

function isProvider(credentials: StaticCredentials | CredentialsProvider): credentials is CredentialsProvider {
  return typeof (credentials as Partial<CredentialsProvider>).getCredentials === 'function';
}

function validCredentials(value: unknown): StaticCredentials | undefined {
  const record = asRecord(value);
  const accessKeyId = stringOf(record?.accessKeyId);
  const accessKeySecret = stringOf(record?.accessKeySecret);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = stringOf(record?.securityToken);
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Throws CredentialsMissing at once for unusable static keys; a provider is checked on every request. */
export function signingCredentials(source: StaticCredentials | CredentialsProvider): SigningCredentials {
  const secrets = new Set<string>();
  const keyIds = new Set<string>();
  const seen = { secrets, keyIds };
  const remember = (credentials: StaticCredentials) => {
    // Rotating STS credentials would grow these forever; the newest are the ones that can still be echoed.
    if (secrets.size > MAX_SEEN_SECRETS) secrets.clear();
    if (keyIds.size > MAX_SEEN_KEY_IDS) keyIds.clear();
    secrets.add(credentials.accessKeySecret);
    keyIds.add(credentials.accessKeyId);
    if (credentials.securityToken) secrets.add(credentials.securityToken);
  };

  if (!isProvider(source)) {
    const credentials = validCredentials(source);
    if (!credentials) throw credentialsMissing([]);
    remember(credentials);
    return { provider: { getCredentials: async () => credentials }, seen };
  }
  return {
    seen,
    provider: {
      async getCredentials() {
        let value: unknown;
        try {
          value = await source.getCredentials();
        } catch (error) {
          // A provider's own CredentialsMissing (naming what it tried) passes; anything else may hold a secret.
          throw isAppError(error) && error.code === 'CredentialsMissing' ? error : credentialsMissing([]);
        }
        const credentials = validCredentials(value);
        if (!credentials) throw credentialsMissing([]);
        remember(credentials);
        return credentials;
      },
    },
  };
}
