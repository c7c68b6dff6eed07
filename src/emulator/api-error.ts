// API errors as the VPC OpenAPI answers them: a code, its published message and HTTP status.

/** Messages of the published error table (seed document) and the common gateway errors. */
const MESSAGES: Readonly<Record<string, string>> = {
  'Resource.QuotaFull': 'The quota of resource is full',
  'VpnGateway.FinancialLocked': 'The specified service is financial locked.',
  'VpnRouteEntry.AlreadyExists': 'The specified route entry is already exist.',
  'VpnRouteEntry.Conflict': 'The specified route entry has conflict.',
  'VpnRouteEntry.ConflictSSL': 'The specified route entry has conflict with SSL client.',
  'VpnRouteEntry.BackupRoute': 'Validate backup route entry failed.',
  'VpnRouteEntry.InvalidWeight': 'Invalid route entry weight value.',
  'InvalidNextHop.NotFound': 'The specified NextHop does not exist.',
  'IllegalParam.RouteDest': 'The specified RouteDest is invalid',
  'OperationFailed.InvalidCidrBlock': 'Operation failed because the specified network block is invalid.',
  'QuotaExceeded.VpnRouteEntry': 'The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.',
  'VpnPbrRouteEntryPriority.NotSupport': 'Current version of the VPN does not support setting custom pbr route entry priority.',
  TaskConflict: 'The operation is too frequent, please wait a moment and try again.',
  'VpnTask.CONFLICT': 'Vpn task has conflict.',
  'VpnGateway.Configuring': 'The specified service is configuring.',
  InternalError: 'The request processing has failed due to some unknown error, exception or failure.',
  'VpnRouteEntry.SrcDestWeightConflict': 'The VPN gateway does not support Policy-based routing with the same source CIDR, destination CIDR and weight.',
  'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap': 'The source CIDR and destination CIDR of Policy-based routes with the same priority cannot overlap.',
  'VpnRouteEntry.SrcDestConflict': 'The VPN gateway does not support Policy-based routing with the same source CIDR and destination CIDR.',
  'CreatePbrRoutesQuotaFull.QuotaFull': 'The number of policy routes exceeds the quota limit.',
  'InvalidCidrBlock.Malformed': 'Specified CIDR block is not valid.',
  DryRunOperation: 'Request validation has been passed with DryRun flag set.',
  'VpnPbrRouteEntry.NotSupport': 'Current version of the VPN does not support pbr route entry.',
  'Forbbiden.SubUser': 'User not authorized to operate on the specified resource as your account is created by another user.',
  Forbidden: 'User not authorized to operate on the specified resource.',
  'InvalidVpnGatewayInstanceId.NotFound': 'The specified vpn gateway instance id does not exist.',
  'InvalidVpnConnectionInstanceId.NotFound': 'The specified vpn connection instance id does not exist.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  IncompleteSignature: 'The request signature does not conform to Aliyun standards.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  InvalidVersion: 'Specified parameter Version is not valid.',
  'InvalidAction.NotFound': 'Specified api is not found, please check your url and method.',
  'Throttling.User': 'Request was denied due to user flow control.',
  Throttling: 'Request was denied due to request throttling.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
};

/** HTTP statuses that differ from the naming rule below. */
const STATUSES: Readonly<Record<string, number>> = {
  ServiceUnavailable: 503,
  RequestBodyTooLarge: 413,
  UnsupportedHTTPMethod: 405,
  UnsupportedMediaType: 415,
};

/** The published table: 403 for Forbidden*, 404 for *NotFound, 400 otherwise. */
export function httpStatusFor(code: string): number {
  const fixed = STATUSES[code];
  if (fixed !== undefined) return fixed;
  if (code.startsWith('Forbidden') || code.startsWith('Forbbiden')) return 403;
  if (code.endsWith('NotFound')) return 404;
  return 400;
}

export function messageFor(code: string): string | undefined {
  return MESSAGES[code];
}

/** Thrown by request handling; the server turns it into the API's JSON error body. */
export class ApiError extends Error {
  readonly code: string;
  readonly httpStatus: number;

  constructor(code: string, message?: string, httpStatus?: number) {
    super(message ?? messageFor(code) ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = httpStatus ?? httpStatusFor(code);
  }
}

/** `Missing<Name>` with the gateway's wording, as the RPC gateway reports an absent required parameter. */
export function missingParameter(name: string): ApiError {
  return new ApiError(`Missing${name}`, `${name} is mandatory for this action.`);
}

export function invalidParameter(name: string, why: string): ApiError {
  return new ApiError('InvalidParameter', `The specified parameter "${name}" is not valid: ${why}`);
}

export function errorBody(requestId: string, code: string, message: string): Record<string, string> {
  return {
    RequestId: requestId,
    HostId: 'vpc.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Vpc&requestId=${requestId}`,
  };
}
