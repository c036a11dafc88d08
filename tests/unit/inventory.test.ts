/**
 * The inventory's own checks (data/inventory/read-inventory.ts), used by `npm run seed:check`: the
 * committed inventories pass, and a sentence not in its report or an id the seed lacks is named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInventories, type Inventory, readInventories } from '../../data/inventory/read-inventory.ts';
import { buildSeedGraph, SOURCES_DIR } from '../../data/read-seed.ts';

const reports = new Map(
  readdirSync(SOURCES_DIR)
    .filter((n) => n.endsWith('.txt'))
    .map((n) => [n, readFileSync(join(SOURCES_DIR, n), 'utf8')]),
);
const seedIds = new Set(buildSeedGraph().nodes.map((n) => n.id));

describe('the inventory checks', () => {
  it('the committed inventories: five reports, every sentence in its report, every id in the seed', () => {
    const inventories = readInventories();
    expect(inventories.map((i) => i.report.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    expect(checkInventories(inventories, reports, seedIds)).toEqual([]);
  });

  it('names a sentence that is not word for word in its report, and an id the seed does not have', () => {
    const bad: Inventory = {
      report: '003_8dbc739dccd2aad1.txt',
      sentences: [
        { sentence: '市中区有一千个网格。', facts: [{ limit: 'a sentence no report has' }] },
        { sentence: '在位于市中区西南部的小庄村', facts: [{ entity: { id: 'sz-no-such-village', kind: 'Village', name: '无' } }] },
      ],
    };
    const problems = checkInventories([bad], reports, seedIds);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('not word for word in 003_8dbc739dccd2aad1.txt');
    expect(problems[1]).toContain('sz-no-such-village');
  });
});
