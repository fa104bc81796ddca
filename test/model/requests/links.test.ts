import { describe, expect, it } from 'vitest';
import { Nic } from '../../../src/model/link.ts';
import { Network } from '../../../src/model/network.ts';
import type { NetworkLocation } from '../../../src/model/network.ts';
import { NODE_NIC_BACKLOG, RequestLinks, SERVER_NIC_BACKLOG } from '../../../src/model/requests/links.ts';
import type { FrontEndPort, WebServerPort } from '../../../src/model/requests/ports.ts';

const HEX: NetworkLocation = { siteId: 'HEX', segmentId: 'hex' };
const SOV: NetworkLocation = { siteId: 'SOV', segmentId: 'sov' };
const PARAMS = { clientRttMs: 30, pageBytes: 50_000, staticAssetBytes: 30_000, uploadBytes: 3e6 };

function network(): Network {
  const net = new Network();
  net.addSite({ id: 'HEX', addressPrefix: 'a::' });
  net.addSite({ id: 'SOV', addressPrefix: 'b::' });
  net.linkSites({ siteA: 'HEX', siteB: 'SOV' });
  net.addSegment({ id: 'hex', siteId: 'HEX' });
  net.addSegment({ id: 'sov', siteId: 'SOV' });
  return net;
}

function serverAt(location: NetworkLocation, nic: Nic | undefined): WebServerPort {
  return { location: () => location, host: { nic } } as unknown as WebServerPort;
}

describe('the links a request crosses', () => {
  it('a request to a server at the other site takes half their round trip more', () => {
    const net = network();
    const links = new RequestLinks(net, PARAMS);
    const near = links.toServerMs(100, HEX, serverAt(HEX, undefined), false);
    const far = links.toServerMs(100, HEX, serverAt(SOV, undefined), false);
    expect(far - near).toBeCloseTo((net.rttMs(HEX, SOV) - net.rttMs(HEX, HEX)) / 2, 9);
  });

  it('an upload’s body crosses the server’s NIC: ten times slower NIC, about ten times longer', () => {
    const links = new RequestLinks(network(), PARAMS);
    const fast = links.toServerMs(0, HEX, serverAt(HEX, new Nic('fast', 1e9)), true);
    const slow = links.toServerMs(0, HEX, serverAt(HEX, new Nic('slow', 1e8)), true);
    // 3 MB is 24 ms at 1 Gbps and 240 ms at 100 Mbps.
    expect(slow - fast).toBeCloseTo(216, 6);
  });

  it('pages queue on a NIC, and a backlog past its bound is refused with the NIC’s code', () => {
    const links = new RequestLinks(network(), PARAMS);
    const serverNic = new Nic('server', 1e8, 50);
    const node = { nic: undefined, location: () => HEX } as unknown as FrontEndPort;
    const server = serverAt(HEX, serverNic);
    const first = links.pageDeliveredMs(0, server, node);
    const second = links.pageDeliveredMs(0, server, node);
    expect(second - first).toBeCloseTo(4, 9); // 50 kB at 100 Mbps
    let code = 0;
    for (let i = 0; i < 100 && code >= 0; i++) code = links.pageDeliveredMs(0, server, node);
    expect(code).toBe(SERVER_NIC_BACKLOG);
    const nodeNic = new Nic('node', 1e8, 0);
    expect(links.assetDeliveredMs(0, nodeNic)).toBeGreaterThan(0);
    expect(links.assetDeliveredMs(0, nodeNic)).toBe(NODE_NIC_BACKLOG);
  });
});
