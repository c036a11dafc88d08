/**
 * Issue #14 item 3: answers about an area are complete, on the documented data (the 历城区 report),
 * and a near-miss name is told apart from "nothing there".
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const fixture = withFixtureApp('aa');

describe('industryChains(area:)', () => {
  it('lists every chain the 历城区 report names, with the same notion of an area as the audit', async () => {
    const { data, errors } = await gql<{ industryChains: { name: string }[] }>(fixture.app, '{ industryChains(area: "历城区") { name } }');
    expect(errors).toBeUndefined();
    const names = data!.industryChains.map((c) => c.name);
    // 物流 and 金融 are led by the district's 总链长; 数字经济 by the comprehensive committee of 超算片区,
    // a place of the district; 王舍人生命大健康产业链 is one of the district's 10 产业分链.
    expect(names).toEqual(expect.arrayContaining(['物流产业链', '金融产业链', '数字经济产业链', '王舍人生命大健康产业链']));
  });
});

describe('pairingCoverage(area:).byArea', () => {
  it('adds up to all the villages of 历城区, a village lying directly in the district included', async () => {
    const { data, errors } = await gql<{ pairingCoverage: { villages: number; byArea: { area: { name: string }; villages: number }[] } }>(
      fixture.app,
      '{ pairingCoverage(area: "历城区") { villages byArea { area { name } villages } } }',
    );
    expect(errors).toBeUndefined();
    const coverage = data!.pairingCoverage;
    expect(coverage.villages).toBeGreaterThan(0);
    expect(coverage.byArea.reduce((sum, row) => sum + row.villages, 0)).toBe(coverage.villages);
    expect(coverage.byArea.map((row) => row.area.name)).toContain('朱家庄村');
  });

  it('does not break an area down into its villages one by one', async () => {
    const { data } = await gql<{ pairingCoverage: { villages: number; byArea: unknown[] } }>(
      fixture.app,
      '{ pairingCoverage(area: "港沟街道") { villages byArea { villages } } }',
    );
    expect(data!.pairingCoverage.villages).toBeGreaterThan(0);
    expect(data!.pairingCoverage.byArea).toEqual([]);
  });
});

describe('a name that is nearly right', () => {
  it('answers NOT_FOUND for organization(name:) with the closest names', async () => {
    const { data, errors } = await gql<{ organization: unknown }>(fixture.app, '{ organization(name: "玉符泉源党委 ") { id } }');
    expect(data?.organization ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'name' });
    expect(errors?.[0]?.extensions?.closest).toContain('玉符泉源联合党委');
    expect(errors?.[0]?.message).toMatch(/玉符泉源联合党委/);
  });

  it('answers NOT_FOUND for an area argument with the closest names, the same way', async () => {
    const { errors } = await gql(fixture.app, '{ industryChains(area: "历城") { name } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'area' });
    expect(errors?.[0]?.extensions?.closest).toContain('历城区');
  });

  it('still finds the exact name, and says nothing close when nothing is', async () => {
    const { data } = await gql<{ organization: { name: string } }>(fixture.app, '{ organization(name: "玉符泉源联合党委") { name } }');
    expect(data!.organization.name).toBe('玉符泉源联合党委');
    const { errors } = await gql(fixture.app, '{ organization(name: "zzzz") { id } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'name', closest: [] });
  });
});
