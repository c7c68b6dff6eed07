// An IPsec connection as DescribeVpnConnection and DescribeVpnConnections answer it: every field of the SDK models.
import { type ConnectionRecord, tunnelIds } from '../state.js';

const GATEWAY_IP = '192.0.2.10';
const CUSTOMER_IP = '198.51.100.1';

function ikeConfig(lifetime: number | string): Record<string, unknown> {
  return { IkeAuthAlg: 'sha1', IkeEncAlg: 'aes', IkeLifetime: lifetime, IkeMode: 'main', IkePfs: 'group2', IkeVersion: 'ikev2', LocalId: GATEWAY_IP, Psk: '', RemoteId: CUSTOMER_IP };
}

function ipsecConfig(lifetime: number | string): Record<string, unknown> {
  return { IpsecAuthAlg: 'sha1', IpsecEncAlg: 'aes', IpsecLifetime: lifetime, IpsecPfs: 'group2' };
}

/** The two tunnels of a dual-tunnel connection: master then slave, each with its own settings (lifetimes as strings). */
function tunnelOptions(c: ConnectionRecord): Record<string, unknown> {
  return {
    TunnelOptions: tunnelIds(c.id).map((tunnelId, i) => ({
      TunnelId: tunnelId,
      TunnelIndex: i + 1,
      Role: i === 0 ? 'master' : 'slave',
      CustomerGatewayId: c.customerGatewayId,
      EnableDpd: 'true',
      EnableNatTraversal: 'true',
      InternetIp: i === 0 ? GATEWAY_IP : '192.0.2.11',
      RemoteCaCertificate: '',
      State: 'active',
      Status: 'ipsec_sa_established',
      ZoneNo: `cn-hangzhou-${i === 0 ? 'h' : 'i'}`,
      TunnelBgpConfig: { BgpStatus: 'false', LocalAsn: '45104', LocalBgpIp: '', PeerAsn: '', PeerBgpIp: '', TunnelCidr: '' },
      TunnelIkeConfig: ikeConfig('86400'),
      TunnelIpsecConfig: ipsecConfig('86400'),
    })),
  };
}

/**
 * `one` is DescribeVpnConnection's body (Tags, ZoneNo, VpnBgpConfig.EnableBgp); `listed` an entry of
 * DescribeVpnConnections (Tag, no ZoneNo). TunnelOptionsSpecification only on a dual-tunnel gateway, as documented.
 */
export function connectionAnswer(c: ConnectionRecord, dualTunnel: boolean, form: 'one' | 'listed'): Record<string, unknown> {
  const bgp = { AuthKey: '', LocalAsn: 45104, LocalBgpIp: '', PeerAsn: 0, PeerBgpIp: '', Status: 'false', TunnelCidr: '' };
  return {
    VpnConnectionId: c.id,
    VpnGatewayId: c.gatewayId,
    CustomerGatewayId: c.customerGatewayId,
    Name: c.name,
    CreateTime: c.createTime,
    Status: 'ike_sa_established',
    State: 'attached',
    AttachType: 'VPNGW',
    AttachInstanceId: '',
    TransitRouterId: '',
    TransitRouterName: '',
    CrossAccountAuthorized: false,
    EffectImmediately: false,
    EnableDpd: true,
    EnableNatTraversal: true,
    EnableTunnelsBgp: false,
    InternetIp: GATEWAY_IP,
    LocalSubnet: '0.0.0.0/0',
    RemoteSubnet: '0.0.0.0/0',
    NetworkType: 'public',
    RemoteCaCertificate: '',
    ResourceGroupId: 'rg-sandbox0default',
    Spec: '1000M',
    TunnelBandwidth: 'Standard',
    IkeConfig: ikeConfig(86400),
    IpsecConfig: ipsecConfig(86400),
    VcoHealthCheck: { Dip: '', Enable: 'false', Interval: 3, Policy: 'revoke_route', Retry: 3, Sip: '', Status: '' },
    ...(dualTunnel ? { TunnelOptionsSpecification: tunnelOptions(c) } : {}),
    ...(form === 'one' ? { Tags: { Tag: [] }, ZoneNo: 'cn-hangzhou-h', VpnBgpConfig: { ...bgp, EnableBgp: 'false' } } : { Tag: { Tag: [] }, VpnBgpConfig: bgp }),
  };
}
