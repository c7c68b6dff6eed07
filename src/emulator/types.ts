// Public shapes of the VPC emulator: the seed it starts from, the faults it can inject, what it records.

export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, requests signed with this key must carry exactly this SecurityToken (an STS credential). */
  securityToken?: string;
}

export interface EmulatorGatewaySeed {
  id: string;
  regionId?: string;
  status?: string;
  businessStatus?: string;
  pbrPriority?: boolean;
  dualTunnel?: boolean;
  name?: string;
  vpcId?: string;
}

export interface EmulatorConnectionSeed {
  id: string;
  gatewayId: string;
  name?: string;
  /** The customer gateway at the far end; default `cgw-` plus the connection ID's suffix. */
  customerGatewayId?: string;
}

export interface EmulatorRouteSeed {
  vpnGatewayId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority?: number;
  publishVpc?: boolean;
  description?: string;
}

/** The emulator's starting state (the seed file of the contract). Every field may be omitted. */
export interface EmulatorSeed {
  credentials?: EmulatorCredential[];
  /** Policy routes allowed per gateway. */
  quota?: number;
  /** How long a gateway stays `updating` after each route change; 0 = no window. */
  applyMs?: number;
  gateways?: EmulatorGatewaySeed[];
  connections?: EmulatorConnectionSeed[];
  routes?: EmulatorRouteSeed[];
}

export type Fault =
  /** Answer this API error instead of processing. */
  | { kind: 'error'; code: string; httpStatus?: number; message?: string }
  /** A proxy's HTML error page (default 502); the request is not processed. */
  | { kind: 'non-json'; status?: number }
  /** Wait before processing and answering normally; if the client gives up meanwhile, nothing is processed. */
  | { kind: 'hang'; ms: number }
  /** Process (and commit) normally, then lose the answer: hang until the client gives up (default), answer an HTML 502, or destroy the socket. */
  | { kind: 'lose-answer'; after?: 'hang' | 'non-json' | 'destroy' }
  /** A slow path: hold the request ms even after the client gave up, then process (commit) it; answer only if the client is still there. */
  | { kind: 'late-commit'; ms: number }
  /** Lose the request unprocessed (hang until the client gives up) while another actor adds `route` (e.g. same identity, priority 77, unpublished). */
  | { kind: 'lose-request'; insertRoute?: EmulatorRouteSeed };

/** A request that passed every signature check (whatever its outcome afterwards). */
export interface RecordedRequest {
  action: string;
  /** Every request parameter except Signature. */
  params: Record<string, string>;
  accessKeyId: string;
  /** Emulator clock (options.now) when the request was accepted, Unix ms. */
  at: number;
  method: 'GET' | 'POST';
  /** How it was signed: V1 (HMAC-SHA1, parameters) or V3 (ACS3-HMAC-SHA256, Authorization header). */
  signature: 'v1' | 'v3';
}

/** A policy route as the emulator holds it. */
export interface EmulatedRoute {
  vpnGatewayId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority: number;
  publishVpc: boolean;
  /** `published` when advertised to the VPC (publishVpc), else `normal`. */
  state: 'published' | 'normal';
  /** Unix ms. */
  createTime: number;
  overlayMode?: string;
  description?: string;
}

export interface EmulatorOptions {
  seed?: EmulatorSeed;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fixed delay added to every answer, for benchmarks. */
  latencyMs?: number;
  /** The emulator's clock (Unix ms): timestamps, nonces, the updating window. Default Date.now. */
  now?: () => number;
  /** Routes, apply windows and ClientToken claims to start from instead of the seed's (a sandbox that persists). */
  snapshot?: EmulatorSnapshot;
  /** Called, before the answer is sent, after each request that changed routes, windows or claims. */
  onChange?: (snapshot: EmulatorSnapshot) => void;
}

export interface FaultControl {
  /** Queue a fault for the next `times` (default 1) requests of `action` (`'*'` = any action). */
  inject(action: string, fault: Fault, times?: number): void;
  clear(): void;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:34567 (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening, ends keep-alive sockets and pending faults. Safe to call twice. */
  close(): Promise<void>;
  faults: FaultControl;
  requests: RecordedRequest[];
  /** Current routes of a gateway in creation order (copies). Throws for an unknown gateway. */
  routes(vpnGatewayId: string): EmulatedRoute[];
  /** `updating` inside the apply window, else the seeded status. Throws for an unknown gateway. */
  gatewayStatus(vpnGatewayId: string): string;
  /** The current routes, apply windows and ClientToken claims. */
  snapshot(): EmulatorSnapshot;
  /** Back to the seeded state: routes, windows, client tokens, nonces, faults and recorded requests. */
  reset(): void;
}

/** The emulator's changeable state as plain JSON (snapshot.ts reads it back). */
export interface ClientTokenClaim {
  /** accessKeyId, action and token, joined as the store keys them. */
  key: string;
  fingerprint: string;
  result: Record<string, unknown>;
}

export interface EmulatorSnapshot {
  /** Every gateway's routes, in creation order. */
  routes: EmulatedRoute[];
  /** Gateway ID → Unix ms until which it is applying a change. */
  updatingUntil: Record<string, number>;
  clientTokens: ClientTokenClaim[];
}
