// Alibaba Cloud credentials the way users already have them, through @alicloud/credentials:
// environment variables, OIDC (RRSA), the aliyun CLI profile, the credentials file (access key,
// RAM role ARN, ECS RAM role profiles), the ECS RAM role and a credentials URI.
//
// Start-up pays only for `hasCredentialSource` (a few environment reads and existsSync calls). The
// library is imported on the first API call, the chain is built once and asked again on every
// request, so that its STS sessions refresh before they expire. Failures become CredentialsMissing
// without the library's message: some of its messages quote the whole aliyun CLI config file.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isUnfilledPlaceholder, readEnv } from '../env.js';
import type { AppError } from '../errors/app-error.js';
import { credentialsMissing } from '../errors/factories.js';
import type { CredentialsProvider, StaticCredentials } from './vpc-client.js';

export type { CredentialsProvider };

export type CredentialSource = 'environment' | 'oidc' | 'aliyun-cli' | 'credentials-file' | 'ecs-ram-role' | 'credentials-uri';

const SOURCE_LABEL: Record<CredentialSource, string> = {
  environment: 'environment variables',
  oidc: 'OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)',
  'aliyun-cli': 'aliyun CLI profile (~/.aliyun/config.json)',
  'credentials-file': 'credentials file',
  'ecs-ram-role': 'ECS RAM role (ALIBABA_CLOUD_ECS_METADATA)',
  'credentials-uri': 'credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)',
};

// An MCPB host passes `${user_config.NAME}` for an optional field left empty: that, or blank, is unset.
const value = readEnv;

/**
 * Deletes every variable whose value is an unfilled MCPB placeholder, so that no library reading
 * process.env (the credential chain does) mistakes `${user_config.profile}` for a profile name.
 */
export function dropUnfilledPlaceholders(env: NodeJS.ProcessEnv): void {
  for (const [name, raw] of Object.entries(env)) {
    if (raw !== undefined && isUnfilledPlaceholder(raw)) delete env[name];
  }
}

function isTrue(env: NodeJS.ProcessEnv, name: string): boolean {
  return value(env, name)?.toLowerCase() === 'true';
}

function homeOf(env: NodeJS.ProcessEnv): string | undefined {
  // What os.homedir() answers for the library: HOME on POSIX, USERPROFILE on Windows.
  const home = process.platform === 'win32' ? value(env, 'USERPROFILE') ?? value(env, 'HOME') : value(env, 'HOME');
  if (home) return home;
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

function credentialsFilePath(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = value(env, 'ALIBABA_CLOUD_CREDENTIALS_FILE');
  if (explicit) return explicit;
  const home = homeOf(env);
  return home ? join(home, '.alibabacloud', 'credentials') : undefined;
}

function cliConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  const home = homeOf(env);
  return home ? join(home, '.aliyun', 'config.json') : undefined;
}

/**
 * The credential sources present, in the order the chain tries them (the library's default order).
 * Cheap and synchronous: environment reads and existsSync only; nothing is read or fetched.
 */
export function detectCredentialSources(env: NodeJS.ProcessEnv): CredentialSource[] {
  const sources: CredentialSource[] = [];
  if (value(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID') && value(env, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')) sources.push('environment');
  if (value(env, 'ALIBABA_CLOUD_ROLE_ARN') && value(env, 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN') && value(env, 'ALIBABA_CLOUD_OIDC_TOKEN_FILE')) {
    sources.push('oidc');
  }
  const cli = cliConfigPath(env);
  if (!isTrue(env, 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED') && cli && existsSync(cli)) sources.push('aliyun-cli');
  const file = credentialsFilePath(env);
  if (file && existsSync(file)) sources.push('credentials-file');
  if (value(env, 'ALIBABA_CLOUD_ECS_METADATA') && !isTrue(env, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED')) sources.push('ecs-ram-role');
  if (value(env, 'ALIBABA_CLOUD_CREDENTIALS_URI')) sources.push('credentials-uri');
  return sources;
}

/** True when some credential source is configured, so live checks can run. */
export function hasCredentialSource(env: NodeJS.ProcessEnv): boolean {
  return detectCredentialSources(env).length > 0;
}

/** One line for the start-up log: where credentials will come from (names and paths, never values). */
export function describeCredentialSources(env: NodeJS.ProcessEnv): string {
  return detectCredentialSources(env)
    .map((source) => {
      const profile = value(env, 'ALIBABA_CLOUD_PROFILE');
      if (source === 'credentials-file') return `credentials file ${credentialsFilePath(env)}${profile ? ` (profile ${profile})` : ''}`;
      if (source === 'aliyun-cli') return `aliyun CLI profile ${profile ?? '(current)'}`;
      return SOURCE_LABEL[source];
    })
    .join(', then ');
}

/** The start-up log's line for AccessKey variables read by config.ts: their names, never their values. */
export function describeStaticCredentials(credentials: StaticCredentials): string {
  const names = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
  if (credentials.securityToken !== undefined) names.push('ALIBABA_CLOUD_SECURITY_TOKEN');
  return `${names.join(', ')} (environment${credentials.securityToken !== undefined ? ', STS' : ''})`;
}

// The part of @alicloud/credentials used here.
interface LibraryProvider {
  getCredentials(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

interface Builder {
  build(): LibraryProvider;
}

const PROVIDER_CLASS: Record<CredentialSource, string> = {
  environment: 'EnvironmentVariableCredentialsProvider',
  oidc: 'OIDCRoleArnCredentialsProvider',
  'aliyun-cli': 'CLIProfileCredentialsProvider',
  'credentials-file': 'ProfileCredentialsProvider',
  'ecs-ram-role': 'ECSRAMRoleCredentialsProvider',
  'credentials-uri': 'URICredentialsProvider',
};

/** The library's provider builders, by source. */
export type CredentialsLibrary = Record<CredentialSource, () => Builder>;

let library: Promise<CredentialsLibrary> | undefined;

function loadLibrary(): Promise<CredentialsLibrary> {
  library ??= (async () => {
    const mod = (await import('@alicloud/credentials')) as unknown as Record<string, unknown>;
    const exported = (name: string) => {
      const fromDefault = (mod.default as Record<string, unknown> | undefined)?.[name];
      const cls = (mod[name] ?? fromDefault) as { builder?: () => Builder } | undefined;
      if (typeof cls?.builder !== 'function') throw new Error(`@alicloud/credentials exports no ${name}`);
      return () => (cls.builder as () => Builder).call(cls);
    };
    const entries = Object.entries(PROVIDER_CLASS).map(([source, name]) => [source, exported(name)]);
    return Object.fromEntries(entries) as CredentialsLibrary;
  })().catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

function credentialsUnavailable(sources: readonly CredentialSource[]): AppError {
  return credentialsMissing(sources.map((s) => SOURCE_LABEL[s]));
}

export interface CredentialsProviderOptions {
  /** Loads @alicloud/credentials; replaceable in tests. */
  load?: () => Promise<CredentialsLibrary>;
}

/**
 * A provider for pop-core's `credentialsProvider`: the Alibaba Cloud credential chain restricted to
 * the sources found in `env` (nothing probes the ECS metadata service unless ALIBABA_CLOUD_ECS_METADATA
 * names a role). The library reads process.env itself, so `env` should be process.env.
 */
export function createCredentialsProvider(env: NodeJS.ProcessEnv = process.env, options: CredentialsProviderOptions = {}): CredentialsProvider {
  const load = options.load ?? loadLibrary;
  let chain: Promise<{ sources: CredentialSource[]; providers: LibraryProvider[] }> | undefined;
  // The provider that answered last: asked first next time (its session refreshes itself).
  let current: LibraryProvider | undefined;

  const buildChain = async () => {
    if (env === process.env) dropUnfilledPlaceholders(process.env);
    const sources = detectCredentialSources(env);
    const make = await load();
    const providers: LibraryProvider[] = [];
    for (const source of sources) {
      try {
        providers.push(make[source]().build());
      } catch {
        // A source whose settings are incomplete (the builder says so) is skipped, as the library does.
      }
    }
    return { sources, providers };
  };

  const usable = (answer: Awaited<ReturnType<LibraryProvider['getCredentials']>> | undefined): StaticCredentials | undefined => {
    if (!answer?.accessKeyId || !answer.accessKeySecret) return undefined;
    const { accessKeyId, accessKeySecret, securityToken } = answer;
    return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
  };

  return {
    async getCredentials() {
      let resolved: Awaited<NonNullable<typeof chain>>;
      try {
        chain ??= buildChain();
        resolved = await chain;
      } catch {
        chain = undefined;
        throw credentialsUnavailable(detectCredentialSources(env));
      }
      const order = current ? [current, ...resolved.providers.filter((p) => p !== current)] : resolved.providers;
      for (const provider of order) {
        let answer: StaticCredentials | undefined;
        try {
          answer = usable(await provider.getCredentials());
        } catch {
          answer = undefined;
        }
        if (answer) {
          current = provider;
          return answer;
        }
      }
      current = undefined;
      // Rebuilt on the next call: the user may fix the file or profile without restarting the server.
      chain = undefined;
      throw credentialsUnavailable(resolved.sources);
    },
  };
}
