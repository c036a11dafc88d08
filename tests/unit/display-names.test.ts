/**
 * Which place a clashing name is shown with (review E-11, data/display-names.ts): the 区 when it tells
 * namesakes apart, else the 街道, else whichever each has; a lone generic name takes its 区.
 */
import { describe, expect, it } from 'vitest';
import { type Home, qualifyingPlaces } from '../../data/display-names.ts';

const home = (id: string, name: string, subdistrict: string | null, district: string | null): Home => ({ id, name, subdistrict, district });

describe('qualifyingPlaces', () => {
  it('namesakes in different districts are told apart by district', () => {
    const places = qualifyingPlaces([home('lc-a', '第一书记', null, 'lc-d'), home('sz-a', '第一书记', null, 'sz-d')]);
    expect(Object.fromEntries(places)).toEqual({ 'lc-a': 'lc-d', 'sz-a': 'sz-d' });
  });

  it('namesakes in one district are told apart by subdistrict (小庄村 in two 街道)', () => {
    const places = qualifyingPlaces([home('v1', '小庄村', 'ganggou', 'lc-d'), home('v2', '小庄村', 'tangwang', 'lc-d')]);
    expect(Object.fromEntries(places)).toEqual({ v1: 'ganggou', v2: 'tangwang' });
  });

  it('a lone generic name (区政府) takes its district; an entity with no place above it keeps its name', () => {
    const places = qualifyingPlaces([home('gov', '区政府', null, 'lc-d'), home('x', '园区党委', null, null)]);
    expect(Object.fromEntries(places)).toEqual({ gov: 'lc-d' });
  });

  it('when neither tells them apart, each still gets the nearest place it has', () => {
    const places = qualifyingPlaces([home('a', '新平', 's1', 'd'), home('b', '新平', 's1', 'd'), home('c', '新平', null, 'd')]);
    expect(Object.fromEntries(places)).toEqual({ a: 's1', b: 's1', c: 'd' });
  });
});

// That a move refreshes by the same walk the display names are found by: tests/unit/lies-in-walk.test.ts.
