// What the approval card's table and sentences show, and which parts are IDs that must never break (no browser).
import { describe, expect, it } from 'vitest';
import type { RouteTableRow } from '../../src/ui/route-table.js';
import { rowCells, splitIds, tableHead } from '../../src/ui/view/format.js';

const row = (extra: Partial<RouteTableRow> = {}): RouteTableRow => ({
  routeSource: '192.168.10.0/24',
  routeDest: '10.10.0.0/24',
  nextHop: 'vco-cardtest0b2',
  weight: 0,
  priority: 10,
  role: 'standby',
  ...extra,
});

describe('rowCells', () => {
  it('gives one cell per heading, with the blocks and the next hop marked as IDs', () => {
    const cells = rowCells(row({ mark: 'proposed' }), true);
    expect(cells.map((c) => c.label)).toEqual(tableHead(true));
    expect(cells).toEqual([
      { text: '192.168.10.0/24', id: true, label: 'Source' },
      { text: '10.10.0.0/24', id: true, label: 'Destination' },
      { text: 'vco-cardtest0b2', id: true, label: 'Next hop' },
      { text: '0 standby', label: 'Weight' },
      { text: '10', label: 'Priority' },
      { text: 'new', label: '' },
    ]);
  });

  it('leaves the priority out on a gateway without priorities, and names the relation last', () => {
    const cells = rowCells(row({ weight: 100, role: 'active', relation: 'partner' }), false);
    expect(tableHead(false)).toEqual(['Source', 'Destination', 'Next hop', 'Weight', '']);
    expect(cells.map((c) => c.text)).toEqual(['192.168.10.0/24', '10.10.0.0/24', 'vco-cardtest0b2', '100 active', 'active/standby pair']);
  });
});

describe('splitIds', () => {
  it('cuts a warning into text and the IDs and blocks in it, losing nothing', () => {
    const warning = 'Active/standby pair: the new route is the standby of 192.168.10.0/24 -> 10.10.0.0/24 via vco-cardtest0a1.';
    const parts = splitIds(warning);
    expect(parts.map((p) => p.text).join('')).toBe(warning);
    expect(parts.filter((p) => p.id).map((p) => p.text)).toEqual(['192.168.10.0/24', '10.10.0.0/24', 'vco-cardtest0a1']);
    expect(parts.at(-1)).toEqual({ text: '.' });
  });

  it('finds gateway, connection and VPC IDs anywhere, and leaves text without IDs whole', () => {
    expect(splitIds('vpn-a1 and vpc-b2')).toEqual([{ text: 'vpn-a1', id: true }, { text: ' and ' }, { text: 'vpc-b2', id: true }]);
    expect(splitIds('No route was created.')).toEqual([{ text: 'No route was created.' }]);
    expect(splitIds('')).toEqual([]);
  });
});
