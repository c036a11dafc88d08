/**
 * Saved views (#19): kept per user (the sign-in subject), listed only to their owner, opened by id by
 * anyone who may read, changed and deleted only by the owner, checked field by field, built on business
 * ids, and telling which of the ids they name the graph no longer holds. Fixture graph of its own (tsv).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type As, gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tsv';
const fixture = withFixtureApp(P);
const { id } = fixture;
const OWNER: As = { role: 'auditor', subject: `${P}-owner`, name: '视图保存人' };
const OTHER: As = { role: 'viewer', subject: `${P}-other`, name: '另一位读者' };

afterAll(async () => {
  await fixture.driver.executeQuery(
    'MATCH (v:SavedView) WHERE v.owner STARTS WITH $p DETACH DELETE v',
    { p: `${P}-` },
    {
      database: fixture.database,
    },
  );
});

const FIELDS = `id name mine lens area focus pathFrom pathTo depth asOf since until compareFrom compareTo hiddenKinds includeSynthetic
  hidden pinned { id x y } positions { id x y } zoom panX panY createdAt updatedAt missing`;

interface View {
  id: string;
  name: string;
  mine: boolean;
  hidden: string[];
  pinned: { id: string; x: number; y: number }[];
  missing: string[];
  [key: string]: unknown;
}

async function as<T>(who: As, query: string, variables: Record<string, unknown> = {}) {
  return gql<T>(fixture.app, query, variables, who);
}

const SAVE = `mutation($id: ID, $input: SavedViewInput!) { saveView(id: $id, input: $input) { ${FIELDS} } }`;

const input = (extra: Record<string, unknown> = {}) => ({
  name: '港沟街道 2024 覆盖',
  lens: 'coverage',
  area: id('district'),
  asOf: '2024-06-30',
  since: '2024-01-01',
  until: '2024-12-31',
  compareFrom: '2024-01-01',
  compareTo: '2024-06-30',
  hiddenKinds: ['Enterprise'],
  hidden: [id('v4')],
  pinned: [{ id: id('v1'), x: 12.5, y: -40 }],
  positions: [
    { id: id('v1'), x: 12.5, y: -40 },
    { id: id('v2'), x: 80, y: 3.25 },
  ],
  zoom: 1.25,
  panX: 100,
  panY: -20,
  ...extra,
});

describe('saved views', () => {
  let saved: View;

  it('saves a view for its owner, as given, with the ids it names all present', async () => {
    const result = await as<{ saveView: View }>(OWNER, SAVE, { input: input() });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    saved = result.data!.saveView;
    expect(saved.id).toMatch(/^view-[0-9a-f-]{36}$/);
    expect(saved).toMatchObject({
      name: '港沟街道 2024 覆盖',
      mine: true,
      lens: 'coverage',
      area: id('district'),
      depth: 1,
      asOf: '2024-06-30',
      hiddenKinds: ['Enterprise'],
      includeSynthetic: false,
      hidden: [id('v4')],
      compareFrom: '2024-01-01',
      compareTo: '2024-06-30',
      pinned: [{ id: id('v1'), x: 12.5, y: -40 }],
      positions: [
        { id: id('v1'), x: 12.5, y: -40 },
        { id: id('v2'), x: 80, y: 3.25 },
      ],
      zoom: 1.25,
      panX: 100,
      panY: -20,
      missing: [],
    });
  });

  it("lists a user's own views only; opens any view by id for anyone who may read", async () => {
    const mine = await as<{ savedViews: View[] }>(OWNER, `{ savedViews { id mine } }`);
    expect(mine.data!.savedViews).toEqual([{ id: saved.id, mine: true }]);
    const theirs = await as<{ savedViews: View[] }>(OTHER, `{ savedViews { id } }`);
    expect(theirs.data!.savedViews).toEqual([]);
    // The list with what each view pins is priced by its bounds (server/query-cost.ts), under the default limit.
    const full = await as<{ savedViews: View[] }>(OWNER, `{ savedViews { id name hidden pinned { id x y } } }`);
    expect(full.errors).toBeUndefined();
    expect(full.data!.savedViews.map((v) => v.id)).toEqual([saved.id]);
    const opened = await as<{ savedView: View }>(OTHER, `query($id: ID!) { savedView(id: $id) { ${FIELDS} } }`, { id: saved.id });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.savedView).toEqual({ ...saved, mine: false });
    const none = await as<{ savedView: View | null }>(OTHER, 'query { savedView(id: "view-none") { id } }');
    expect(none.data!.savedView).toBeNull();
  });

  it("lets a viewer keep views of its own, but not change or delete someone else's", async () => {
    const own = await as<{ saveView: View }>(OTHER, SAVE, { input: input({ name: '读者的视图', lens: 'network', focus: id('e1') }) });
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    const overwrite = await as(OTHER, SAVE, { id: saved.id, input: input({ name: '改名' }) });
    expect(overwrite.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const removed = await as<{ deleteView: boolean }>(OTHER, 'mutation($id: ID!) { deleteView(id: $id) }', { id: saved.id });
    expect(removed.data!.deleteView).toBe(false);
    const still = await as<{ savedView: View }>(OWNER, 'query($id: ID!) { savedView(id: $id) { name } }', { id: saved.id });
    expect(still.data!.savedView.name).toBe('港沟街道 2024 覆盖');
    const deleted = await as<{ deleteView: boolean }>(OTHER, 'mutation($id: ID!) { deleteView(id: $id) }', { id: own.data!.saveView.id });
    expect(deleted.data!.deleteView).toBe(true);
  });

  it('saves again in place for its owner', async () => {
    const again = await as<{ saveView: View }>(OWNER, SAVE, { id: saved.id, input: input({ name: '改过的名字', zoom: 2 }) });
    expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
    expect(again.data!.saveView).toMatchObject({ id: saved.id, name: '改过的名字', zoom: 2, createdAt: saved.createdAt });
  });

  it('refuses bad input field by field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: ' ' }, 'input.name'],
      [{ lens: 'overview3d' }, 'input.lens'],
      [{ depth: 4 }, 'input.depth'],
      [{ asOf: '2024-02-30' }, 'input.asOf'],
      [{ since: '2024-05-01', until: '2024-01-01' }, 'input.until'],
      [{ compareFrom: '2024-05-01', compareTo: '2024-01-01' }, 'input.compareTo'],
      [{ positions: [{ id: 'x', x: Number.MAX_VALUE, y: 0 }] }, 'input.positions.x'],
      [{ zoom: 100 }, 'input.zoom'],
      [{ hidden: Array.from({ length: 501 }, (_, i) => `x${i}`) }, 'input.hidden'],
      [{ hiddenKinds: ['Enterprise) DETACH DELETE n //'] }, 'input.hiddenKinds'],
    ];
    for (const [extra, field] of cases) {
      const result = await as(OWNER, SAVE, { input: input(extra) });
      expect(result.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    const mine = await as<{ savedViews: View[] }>(OWNER, `{ savedViews { id } }`);
    expect(mine.data!.savedViews).toHaveLength(1);
  });

  it('names the elements the graph no longer holds when the view is opened', async () => {
    const view = await as<{ saveView: View }>(OWNER, SAVE, {
      input: input({ name: '将被删除的节点', hidden: [id('v5'), id('v4')], pinned: [{ id: id('v7'), x: 0, y: 0 }], area: `${P}区` }),
    });
    expect(view.data!.saveView.missing).toEqual([]);
    await fixture.driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n',
      { ids: [id('v5'), id('v7')] },
      {
        database: fixture.database,
      },
    );
    const opened = await as<{ savedView: View }>(OTHER, 'query($id: ID!) { savedView(id: $id) { hidden missing } }', {
      id: view.data!.saveView.id,
    });
    // The view is as saved; the ids gone from the graph are named.
    expect(opened.data!.savedView.hidden).toEqual([id('v5'), id('v4')]);
    expect([...opened.data!.savedView.missing].sort()).toEqual([id('v5'), id('v7')].sort());
  });
});
