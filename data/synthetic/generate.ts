/**
 * The synthetic graph for scale and speed: deterministic from a seed number, always marked synthetic
 * and never mixed with the documented facts. Every node carries the label `Synthetic`,
 * `synthetic: true`, an id starting `syn-` (documented ids start jn-/lc-/sz-/gx-), a name starting
 * 合成· and a provenance naming the seed; no relationship touches a documented node.
 *
 * It mirrors the documented model, so the same API questions work on it:
 *
 *   places         city ← district ← subdistrict ← village ← grid
 *                                                ← community ← grid ← compound ← residential building
 *                                                            ← compound (outside any grid)
 *                                                ← commercial building, industrial park
 *   organizations  district committee ← subdistrict working committee ← joint committee (3–9 villages) ← village branch
 *                                                                     ← village branch (no joint committee)
 *                                                                     ← community 党委/党总支 ← grid branch, compound branch ← group
 *                                                                     ← building / park committee ← enterprise branch
 *                  district committee ← industry committees (hosted by a government unit, running 驿站)
 *   chains         industry chain ← sub-chains; 总链长 / 链长 roles held within the district committee;
 *                  enterprises on chains, located in buildings and parks
 *   pairings       enterprise → village over 60–75 % of the villages (some ended, some re-matched),
 *                  community → village, government unit / enterprise → community (双报到)
 *   audit gaps     chains with no leader role, buildings with enterprises but no committee,
 *                  villages with no active pairing, dissolved enterprises still paired,
 *                  claims that sometimes match the graph and sometimes don't
 *
 * The graph is yielded one district at a time (a chunk): a chunk's relationships reference only its
 * own nodes and the city node of an earlier chunk, so loading chunk by chunk (nodes, then
 * relationships) never references a node not yet written, and memory stays bounded at province scale.
 */
import { linkId } from '../../graph/write-rules.ts';
import { type Kind, labelsOf, type PairingKind, type RelationshipType } from '../../schema/model.ts';
import type { ClaimRecord, GraphRecords, NodeRecord, RelationshipRecord } from '../graph-records.ts';
import { BUILDING_ENDINGS, NameBook, PARK_ENDINGS } from './names.ts';
import { hashSeed, Random, type Range } from './random.ts';

/** How many of each thing; ranges are drawn per parent. */
export interface Shape {
  cities: number;
  districtsPerCity: Range;
  subdistrictsPerDistrict: Range;
  /** Villages in the most rural subdistrict … in the most urban one. */
  villagesPerSubdistrict: Range;
  /** Communities in the most rural subdistrict … in the most urban one. */
  communitiesPerSubdistrict: Range;
  gridsPerVillage: Range;
  gridsPerCommunity: Range;
  compoundsPerGrid: Range;
  buildingsPerCompound: Range;
  commercialBuildingsPerSubdistrict: Range;
  enterprisesPerBuilding: Range;
  enterprisesPerPark: Range;
  chainsPerDistrict: Range;
  subChainsPerChain: Range;
  unitsPerDistrict: Range;
}

/** One district as it is in a real city: most of its nodes are residential buildings and their groups. */
const DISTRICT = {
  subdistrictsPerDistrict: [8, 12],
  villagesPerSubdistrict: [60, 4],
  communitiesPerSubdistrict: [1, 10],
  gridsPerVillage: [1, 2],
  gridsPerCommunity: [3, 5],
  compoundsPerGrid: [1, 3],
  buildingsPerCompound: [3, 7],
  commercialBuildingsPerSubdistrict: [0, 4],
  enterprisesPerBuilding: [5, 20],
  enterprisesPerPark: [10, 30],
  chainsPerDistrict: [2, 4],
  subChainsPerChain: [2, 5],
  unitsPerDistrict: [6, 10],
} as const satisfies Omit<Shape, 'cities' | 'districtsPerCity'>;

export const SCALES = {
  /** For tests: one district of three subdistricts, a few thousand nodes. */
  tiny: {
    ...DISTRICT,
    cities: 1,
    districtsPerCity: [1, 1],
    subdistrictsPerDistrict: [3, 3],
    commercialBuildingsPerSubdistrict: [1, 3],
    chainsPerDistrict: [3, 3],
    unitsPerDistrict: [4, 4],
  },
  /** One city of three districts: about 2×10^4 nodes. */
  city: { ...DISTRICT, cities: 1, districtsPerCity: [3, 3], subdistrictsPerDistrict: [8, 10] },
  /** A province of 16 cities, about 190 districts: more than 10^6 nodes and 2×10^6 relationships. */
  province: { ...DISTRICT, cities: 16, districtsPerCity: [10, 14] },
} as const satisfies Record<string, Shape>;

export type Scale = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as Scale[];
export const isScale = (value: string): value is Scale => Object.hasOwn(SCALES, value);

export interface SyntheticOptions {
  seed: number;
  scale: Scale;
}

/** One district's records (and, for a city's first district, the city). */
export interface SyntheticChunk extends GraphRecords {
  /** 0-based position of this chunk, and how many chunks the graph has. */
  index: number;
  total: number;
  /** The district's name, for progress lines. */
  district: string;
}

/** Every id of a graph generated with these options starts with this: syn-<scale initial><seed>-. */
export const idPrefix = ({ seed, scale }: SyntheticOptions) => `syn-${scale[0]}${seed}-`;

/** The provenance every synthetic node, relationship and claim carries. */
export const provenanceOf = ({ seed, scale }: SyntheticOptions) => ({
  sourceDocuments: [`synthetic:seed=${seed}`],
  sourceQuotes: [`generated by data/synthetic (seed ${seed}, scale ${scale})`],
});

const LABELS = new Map<Kind, string[]>();
const labels = (kind: Kind) => {
  let list = LABELS.get(kind);
  if (!list) {
    list = [...labelsOf(kind), 'Synthetic'];
    LABELS.set(kind, list);
  }
  return list;
};

// Dates: whole days in UTC, so they never depend on the machine's time zone.
const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => isoOf(dayNumber(iso) + days);
const dateBetween = (random: Random, from: string, to: string) => isoOf(random.int(dayNumber(from), dayNumber(to)));
/** No synthetic pairing starts or ends after this day, so "active today" is stable. */
const LAST_DAY = '2025-06-30';

const PROGRAMMES: Record<PairingKind, string> = {
  EnterpriseVillage: '万人下乡、千村提升',
  CommunityVillage: '城市社区结对共建',
  UnitCommunity: '双报到',
};
const REMATCH_REASON = '主营业务与村庄发展需求不匹配，重新结对';
const END_REASONS = ['帮扶项目完成，结对到期', '企业经营调整，结对终止'];

const BUREAUS = [
  '住房和城乡建设局',
  '交通运输局',
  '市场监督管理局',
  '商务局',
  '科技局',
  '农业农村局',
  '民政局',
  '卫生健康局',
  '教育和体育局',
  '财政局',
  '文化和旅游局',
  '人力资源和社会保障局',
];
const INDUSTRY_COMMITTEES = [
  { name: '物业行业党委', host: '住房和城乡建设局' },
  { name: '快递物流行业党委', host: '交通运输局' },
  { name: '外卖行业党委', host: '市场监督管理局' },
  { name: '电商行业党委', host: '商务局' },
];
const CHAINS = [
  { theme: '物流', subs: ['仓储', '冷链', '快递', '多式联运', '供应链金融'] },
  { theme: '金融', subs: ['银行', '保险', '证券', '融资租赁', '金融科技'] },
  { theme: '生命健康', subs: ['生物医药', '医疗器械', '健康服务', '中医药', '康养'] },
  { theme: '智能制造', subs: ['工业机器人', '数控装备', '汽车零部件', '智能家电', '工业软件'] },
  { theme: '新材料', subs: ['高分子材料', '先进金属', '碳材料', '绿色建材'] },
  { theme: '数字经济', subs: ['大数据', '云计算', '集成电路', '人工智能', '软件服务'] },
  { theme: '现代农业', subs: ['种业', '农产品加工', '特色种植', '农村电商'] },
  { theme: '文化旅游', subs: ['乡村旅游', '文创', '会展', '研学'] },
];

/** Collects one chunk's records. */
class ChunkWriter {
  readonly nodes: NodeRecord[] = [];
  readonly relationships: RelationshipRecord[] = [];
  readonly claims: ClaimRecord[] = [];

  constructor(private readonly source: ReturnType<typeof provenanceOf>) {}

  node(id: string, kind: Kind, name: string, extra?: Record<string, unknown>): string {
    this.nodes.push({ id, labels: labels(kind), props: { id, kind, name, synthetic: true, ...this.source, ...extra } });
    return id;
  }

  rel(from: string, type: RelationshipType, to: string): void {
    const id = linkId(from, type, to);
    this.relationships.push({ id, type, from, to, props: { id, synthetic: true, ...this.source } });
  }

  pairing(
    id: string,
    kind: PairingKind,
    from: string,
    to: string,
    when: { status: 'active' | 'ended'; validFrom: string; validTo?: string; reason?: string; replaces?: string },
  ): void {
    this.relationships.push({
      id,
      type: 'PAIRED_WITH',
      from,
      to,
      props: { id, kind, programme: PROGRAMMES[kind], ...when, synthetic: true, ...this.source },
    });
  }

  claim(subject: string, metric: string, value: number, statement: string): void {
    const id = `${subject}-claim-${metric}`;
    this.claims.push({ id, subject, props: { id, metric, value, unit: 'count', statement, synthetic: true, ...this.source } });
  }
}

/** Yields the graph one district at a time; the first district of each city also holds the city. */
export function* generateSynthetic(options: SyntheticOptions): Generator<SyntheticChunk> {
  const { seed, scale } = options;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be a whole number ≥ 0, not ${seed}`);
  if (!isScale(scale)) throw new Error(`scale must be one of ${SCALE_NAMES.join(', ')}, not ${scale}`);
  const shape: Shape = SCALES[scale];
  const source = provenanceOf(options);
  const prefix = idPrefix(options);
  // One stream for the names that must be unique across the whole graph (cities, districts,
  // subdistricts) and the number of districts; one stream per district for everything inside it.
  const global = new Random(hashSeed('synthetic', seed, scale));
  const globalNames = new NameBook(global);
  const districtCounts = Array.from({ length: shape.cities }, () => global.range(shape.districtsPerCity));
  const total = districtCounts.reduce((a, b) => a + b, 0);

  let index = 0;
  for (let c = 0; c < shape.cities; c += 1) {
    const cityId = `${prefix}c${c}`;
    const cityName = globalNames.place('cities', '市');
    for (let d = 0; d < districtCounts[c]!; d += 1) {
      const out = new ChunkWriter(source);
      if (d === 0) out.node(cityId, 'City', cityName);
      const district = new DistrictBuilder(out, shape, {
        random: new Random(hashSeed(seed, scale, c, d)),
        globalNames,
        id: `${cityId}d${d}`,
        cityId,
        index,
      });
      const districtName = district.build();
      yield { nodes: out.nodes, relationships: out.relationships, claims: out.claims, index, total, district: districtName };
      index += 1;
    }
  }
}

interface DistrictContext {
  random: Random;
  globalNames: NameBook;
  id: string;
  cityId: string;
  /**
   * The chunk's position, which decides the planted gaps: every other district has a building with
   * no committee (even) or a dissolved enterprise still paired (odd), every third a chain with no leader.
   */
  index: number;
}

class DistrictBuilder {
  private readonly random: Random;
  private readonly names: NameBook;
  private readonly villages: string[] = [];
  private readonly communities: string[] = [];
  private readonly enterprises: string[] = [];
  private readonly enterpriseProps = new Map<string, Record<string, unknown>>();
  private readonly chainTargets: string[] = [];
  private industryCommittees: string[] = [];
  private commercialBuildings = 0;
  private dc = '';

  constructor(
    private readonly out: ChunkWriter,
    private readonly shape: Shape,
    private readonly ctx: DistrictContext,
  ) {
    this.random = ctx.random;
    this.names = new NameBook(ctx.random);
  }

  build(): string {
    const { out, random, ctx } = this;
    const p = ctx.id;
    const name = ctx.globalNames.place('districts', '区');
    out.node(p, 'District', name);
    out.rel(p, 'PART_OF', ctx.cityId);
    this.dc = out.node(`${p}-dc`, 'DistrictCommittee', `${name}委`);
    out.rel(this.dc, 'GOVERNS', p);

    // Government units; industry committees set up within some of them.
    const committees = random.sample(INDUSTRY_COMMITTEES, random.int(1, 3));
    const hosts = committees.map((committee) => committee.host);
    const others = random.sample(
      BUREAUS.filter((bureau) => !hosts.includes(bureau)),
      random.range(this.shape.unitsPerDistrict) - hosts.length,
    );
    const units = new Map<string, string>();
    [...hosts, ...others].forEach((bureau, u) => {
      const unit = out.node(`${p}u${u}`, 'GovernmentUnit', `${name}${bureau}`);
      out.rel(unit, 'LOCATED_IN', p);
      units.set(bureau, unit);
    });
    this.industryCommittees = committees.map((committee, i) => {
      const id = out.node(`${p}-ic${i}`, 'IndustryCommittee', `${name}${committee.name}`);
      out.rel(id, 'REPORTS_TO', this.dc);
      out.rel(id, 'HOSTED_BY', units.get(committee.host)!);
      return id;
    });

    this.chains(name);
    const subdistricts = random.range(this.shape.subdistrictsPerDistrict);
    for (let s = 0; s < subdistricts; s += 1) this.subdistrict(`${p}s${s}`, p);
    this.districtAlliance();
    this.pairings(name);
    this.unitRegistrations([...units.values()]);
    return name;
  }

  /** Industry chains with sub-chains; roles 总链长 / 链长 held within the district committee. */
  private chains(districtName: string): void {
    const { out, random, ctx } = this;
    const chosen = random.sample(CHAINS, random.range(this.shape.chainsPerDistrict));
    chosen.forEach((theme, k) => {
      // Every third district has one chain that no role leads: the chain-without-leader audit finds it.
      const leaderless = ctx.index % 3 === 0 && k === chosen.length - 1;
      const chain = out.node(`${ctx.id}-ch${k}`, 'IndustryChain', `${districtName}${theme.theme}产业链`);
      // The district committee leads the Party-building of each chain, so every chain belongs to the district.
      out.rel(this.dc, 'LEADS', chain);
      if (!leaderless) {
        const chief = out.node(`${chain}-chief`, 'LeadershipRole', '合成·总链长', { holder: '区级领导' });
        out.rel(chief, 'LEADS', chain);
        out.rel(chief, 'HELD_WITHIN', this.dc);
      }
      this.chainTargets.push(chain);
      random.sample(theme.subs, random.range(this.shape.subChainsPerChain)).forEach((sub, i) => {
        const subChain = out.node(`${chain}-${i}`, 'SubChain', `${districtName}${theme.theme}·${sub}分链`);
        out.rel(subChain, 'SUB_CHAIN_OF', chain);
        if (!leaderless && random.chance(0.8)) {
          const leader = out.node(`${subChain}-leader`, 'LeadershipRole', '合成·链长', { holder: '区级领导' });
          out.rel(leader, 'LEADS', subChain);
          out.rel(leader, 'HELD_WITHIN', this.dc);
        }
        this.chainTargets.push(subChain);
      });
    });
  }

  private subdistrict(sp: string, district: string): void {
    const { out, random, shape } = this;
    const urban = random.next(); // 0: rural (many villages), 1: urban (many communities, buildings)
    const lerp = ([rural, city]: Range) => Math.round(rural + (city - rural) * urban);
    const name = this.ctx.globalNames.place('subdistricts', '街道');
    out.node(sp, 'Subdistrict', name);
    out.rel(sp, 'PART_OF', district);
    const wc = out.node(`${sp}-wc`, 'SubdistrictWorkingCommittee', `${name}党工委`);
    out.rel(wc, 'REPORTS_TO', this.dc);
    out.rel(wc, 'GOVERNS', sp);
    const centre = out.node(`${sp}-centre`, 'ServiceSite', `${name}党群服务中心`, { siteType: '党群服务中心' });
    out.rel(centre, 'LOCATED_IN', sp);
    out.rel(wc, 'RUNS', centre);

    const villages = this.villages_(sp, wc, lerp(shape.villagesPerSubdistrict));
    const communities: string[] = [];
    const communityCount = lerp(shape.communitiesPerSubdistrict);
    for (let m = 0; m < communityCount; m += 1) communities.push(this.community(`${sp}m${m}`, sp, wc));

    // Commercial buildings and an industrial park, with the enterprises in them.
    const towers = lerp(shape.commercialBuildingsPerSubdistrict);
    for (let b = 0; b < towers; b += 1) this.workplace(`${sp}cb${b}`, sp, wc, communities, 'CommercialBuilding');
    if (towers === 0 || random.chance(0.3 * (1 - urban))) this.workplace(`${sp}ip`, sp, wc, communities, 'IndustrialPark');

    // An alliance (党建联合体) of some of the villages, led by the working committee.
    if (villages.length >= 4 && random.chance(0.4)) {
      const alliance = out.node(`${sp}-al`, 'Alliance', this.names.place(sp, '党建联合体'));
      out.rel(wc, 'LEADS', alliance);
      out.rel(alliance, 'LOCATED_IN', sp);
      for (const village of random.sample(villages, random.int(3, Math.min(9, villages.length)))) out.rel(village, 'MEMBER_OF', alliance);
    }
  }

  /** Villages with their branches and grids; joint committees over runs of 3–9 of them. */
  private villages_(sp: string, wc: string, count: number): string[] {
    const { out, random } = this;
    const reportsTo: string[] = [];
    let first = 0;
    let j = 0;
    while (count - first >= 3) {
      const size = Math.min(random.int(3, 9), count - first);
      if (random.chance(0.75)) {
        const joint = out.node(`${sp}j${j}`, 'JointCommittee', this.names.place(sp, '联合党委'));
        out.rel(joint, 'REPORTS_TO', wc);
        for (let v = first; v < first + size; v += 1) {
          reportsTo[v] = joint;
          out.rel(joint, 'COVERS', `${sp}v${v}`);
        }
        if (random.chance(0.15)) {
          const stated = random.chance(0.7) ? size : size + 1;
          out.claim(joint, 'villages', stated, `联合党委覆盖${stated}个村`);
        }
        j += 1;
      }
      first += size;
    }
    const villages: string[] = [];
    for (let v = 0; v < count; v += 1) {
      const id = `${sp}v${v}`;
      const name = this.names.village(sp);
      out.node(id, 'Village', name);
      out.rel(id, 'PART_OF', sp);
      const branch = out.node(`${id}-b`, 'Branch', `${name}党支部`);
      out.rel(branch, 'GOVERNS', id);
      out.rel(branch, 'REPORTS_TO', reportsTo[v] ?? wc);
      const grids = random.range(this.shape.gridsPerVillage);
      for (let g = 0; g < grids; g += 1) {
        const grid = out.node(`${id}g${g}`, 'Grid', `${name}第${g + 1}网格`);
        out.rel(grid, 'PART_OF', id);
      }
      if (random.chance(0.03)) {
        const site = out.node(`${id}-site`, 'ServiceSite', `${name}党员教育实践教学点`, { siteType: '教学点' });
        out.rel(site, 'LOCATED_IN', id);
        out.rel(branch, 'RUNS', site);
      }
      villages.push(id);
    }
    this.villages.push(...villages);
    return villages;
  }

  /** A community, its Party organization, grids, compounds, residential buildings and their groups. */
  private community(mp: string, sp: string, wc: string): string {
    const { out, random, shape } = this;
    const name = this.names.community(sp);
    out.node(mp, 'Community', name);
    out.rel(mp, 'PART_OF', sp);
    const perGrid = Array.from({ length: random.range(shape.gridsPerCommunity) }, () => random.range(shape.compoundsPerGrid));
    const outsideGrids = random.chance(0.3) ? 1 : 0;
    const compounds = perGrid.reduce((a, b) => a + b, outsideGrids);
    // A large community has a 党委, a smaller one a 党总支.
    const big = compounds >= 8;
    const org = out.node(`${mp}-o`, big ? 'PartyCommittee' : 'GeneralBranch', `${name}${big ? '党委' : '党总支'}`);
    out.rel(org, 'REPORTS_TO', wc);
    out.rel(org, 'GOVERNS', mp);
    if (random.chance(0.8)) {
      const centre = out.node(`${mp}-centre`, 'ServiceSite', `${name}党群服务中心`, { siteType: '党群服务中心' });
      out.rel(centre, 'LOCATED_IN', mp);
      out.rel(org, 'RUNS', centre);
    }
    if (random.chance(0.25)) {
      // 暖心驿站 for delivery riders and couriers, run by an industry committee.
      const station = out.node(`${mp}-station`, 'ServiceSite', `${name}暖心驿站`, { siteType: '驿站' });
      out.rel(station, 'LOCATED_IN', mp);
      out.rel(random.pick(this.industryCommittees), 'RUNS', station);
    }
    perGrid.forEach((count, g) => {
      const grid = out.node(`${mp}g${g}`, 'Grid', `${name}第${g + 1}网格`);
      out.rel(grid, 'PART_OF', mp);
      if (random.chance(0.35)) {
        const gridBranch = out.node(`${grid}-b`, 'Branch', `${name}第${g + 1}网格党支部`);
        out.rel(gridBranch, 'REPORTS_TO', org);
        out.rel(gridBranch, 'GOVERNS', grid);
      }
      for (let k = 0; k < count; k += 1) this.compound(`${grid}k${k}`, grid, mp, org);
    });
    for (let k = 0; k < outsideGrids; k += 1) this.compound(`${mp}k${k}`, mp, mp, org);
    this.communities.push(mp);
    return mp;
  }

  private compound(kp: string, parent: string, community: string, org: string): void {
    const { out, random } = this;
    const name = this.names.compound(community);
    out.node(kp, 'ResidentialCompound', name);
    out.rel(kp, 'PART_OF', parent);
    const branch = out.node(`${kp}-b`, 'Branch', `${name}党支部`);
    out.rel(branch, 'REPORTS_TO', org);
    out.rel(branch, 'GOVERNS', kp);
    const buildings = random.range(this.shape.buildingsPerCompound);
    for (let b = 0; b < buildings; b += 1) {
      const building = out.node(`${kp}r${b}`, 'ResidentialBuilding', `${name}${b + 1}号楼`);
      out.rel(building, 'PART_OF', kp);
      const group = out.node(`${building}-g`, 'Group', `${name}${b + 1}号楼党小组`);
      out.rel(group, 'REPORTS_TO', branch);
      out.rel(group, 'GOVERNS', building);
    }
  }

  /** A commercial building or an industrial park, its committee (or, planted, none) and its enterprises. */
  private workplace(wp: string, sp: string, wc: string, communities: string[], kind: 'CommercialBuilding' | 'IndustrialPark'): void {
    const { out, random, shape } = this;
    const tower = kind === 'CommercialBuilding';
    const name = this.names.place(sp, random.pick(tower ? BUILDING_ENDINGS : PARK_ENDINGS));
    out.node(wp, kind, name);
    out.rel(wp, 'PART_OF', sp);
    // Planted gap: in every other district the first commercial building has enterprises but no
    // Party organization, and a few more at random (the building-without-committee audit finds them).
    const planted = tower && this.commercialBuildings === 0 && this.ctx.index % 2 === 0;
    if (tower) this.commercialBuildings += 1;
    let committee: string | null = null;
    if (!planted && !(tower && random.chance(0.1))) {
      committee = out.node(`${wp}-c`, tower ? 'BuildingCommittee' : 'ParkCommittee', `${name}${tower ? '楼宇党委' : '党委'}`);
      out.rel(committee, 'LOCATED_IN', wp);
      out.rel(committee, 'REPORTS_TO', wc);
      if (tower && random.chance(0.3)) {
        const station = out.node(`${wp}-station`, 'ServiceSite', `${name}红色驿站`, { siteType: '驿站' });
        out.rel(station, 'LOCATED_IN', wp);
        out.rel(committee, 'RUNS', station);
      }
    }
    const count = random.range(tower ? shape.enterprisesPerBuilding : shape.enterprisesPerPark);
    for (let e = 0; e < count; e += 1) {
      const id = `${wp}e${e}`;
      const enterpriseName = this.names.enterprise(this.ctx.id);
      out.node(id, 'Enterprise', enterpriseName);
      this.enterpriseProps.set(id, out.nodes.at(-1)!.props);
      out.rel(id, 'LOCATED_IN', wp);
      if (random.chance(0.5)) out.rel(id, 'ON_CHAIN', random.pick(this.chainTargets));
      if (committee && random.chance(0.4)) {
        const branch = out.node(`${id}-b`, 'Branch', `${enterpriseName}党支部`);
        out.rel(branch, 'REPORTS_TO', committee);
        out.rel(branch, 'PARTY_ORGANIZATION_OF', id);
      }
      // Enterprises register with a nearby community too (双报到).
      if (communities.length > 0 && random.chance(0.25)) {
        out.pairing(`${id}-uc`, 'UnitCommunity', id, random.pick(communities), {
          status: 'active',
          validFrom: dateBetween(random, '2021-01-01', LAST_DAY),
        });
      }
      this.enterprises.push(id);
    }
  }

  /** Half the districts have an alliance across subdistricts, led by the district committee. */
  private districtAlliance(): void {
    const { out, random } = this;
    if (this.villages.length < 6 || !random.chance(0.5)) return;
    const alliance = out.node(`${this.ctx.id}-al`, 'Alliance', this.names.place(this.ctx.id, '乡村振兴党建联合体'));
    out.rel(this.dc, 'LEADS', alliance);
    out.rel(alliance, 'LOCATED_IN', this.ctx.id);
    for (const village of random.sample(this.villages, random.int(5, 9))) out.rel(village, 'MEMBER_OF', alliance);
  }

  /**
   * Enterprise–village pairings over 60–75 % of the villages: some of them ended and were re-matched
   * with another enterprise the next day; a few unpaired villages had a pairing that ended. Then
   * community–village pairings, and the district committee's claim of how many enterprises are paired.
   */
  private pairings(districtName: string): void {
    const { out, random } = this;
    const order = random.shuffle(this.villages);
    const paired = Math.round(order.length * (0.6 + 0.15 * random.next()));
    const active = new Set<string>();
    order.forEach((village, i) => {
      const enterprise = random.pick(this.enterprises);
      if (i < paired && !random.chance(0.1)) {
        out.pairing(`${village}-ev1`, 'EnterpriseVillage', enterprise, village, {
          status: 'active',
          validFrom: dateBetween(random, '2019-01-01', LAST_DAY),
        });
        active.add(enterprise);
        return;
      }
      if (i >= paired && !random.chance(0.12)) return; // never paired: a gap the audit finds
      const validFrom = dateBetween(random, '2019-01-01', '2023-06-30');
      const validTo = addDays(validFrom, random.int(180, 720));
      const rematched = i < paired;
      out.pairing(`${village}-ev1`, 'EnterpriseVillage', enterprise, village, {
        status: 'ended',
        validFrom,
        validTo,
        reason: rematched ? REMATCH_REASON : random.pick(END_REASONS),
      });
      if (!rematched) return;
      let next = random.pick(this.enterprises);
      for (let tries = 0; next === enterprise && tries < 8; tries += 1) next = random.pick(this.enterprises);
      out.pairing(`${village}-ev2`, 'EnterpriseVillage', next, village, {
        status: 'active',
        validFrom: addDays(validTo, 1),
        replaces: `${village}-ev1`,
      });
      active.add(next);
    });

    // Planted in every other district: a paired enterprise dissolved while its pairing is still active.
    if (active.size > 0 && this.ctx.index % 2 === 1) {
      const gone = random.pick([...active].sort());
      this.enterpriseProps.get(gone)!.dissolvedOn = dateBetween(random, '2025-07-01', '2025-12-31');
    }

    if (this.communities.length > 0) {
      for (const village of this.villages) {
        if (!random.chance(0.25)) continue;
        out.pairing(`${village}-cv`, 'CommunityVillage', random.pick(this.communities), village, {
          status: 'active',
          validFrom: dateBetween(random, '2020-01-01', LAST_DAY),
        });
      }
    }

    // The district's report states how many enterprises are paired: sometimes what the graph holds,
    // sometimes not (the claims check finds the difference).
    if (this.ctx.index === 0 || random.chance(0.6)) {
      const stated = random.chance(0.5) ? active.size : Math.max(1, active.size + random.pick([-7, -3, -1, 2, 5, 12]));
      out.claim(this.dc, 'enterpriseVillagePairings', stated, `${districtName}组织${stated}家企业联村`);
    }
  }

  /** Government units register with communities (双报到). */
  private unitRegistrations(units: string[]): void {
    const { out, random } = this;
    units.forEach((unit, u) => {
      for (const community of random.sample(this.communities, random.int(2, 6))) {
        out.pairing(`${community}-uc${u}`, 'UnitCommunity', unit, community, {
          status: 'active',
          validFrom: dateBetween(random, '2021-01-01', LAST_DAY),
        });
      }
    });
  }
}

/** Counts without keeping the records: nodes by kind, relationships by type, claims. */
export function tallySynthetic(options: SyntheticOptions) {
  const kinds = new Map<string, number>();
  const types = new Map<string, number>();
  let nodes = 0;
  let relationships = 0;
  let claims = 0;
  for (const chunk of generateSynthetic(options)) {
    nodes += chunk.nodes.length;
    relationships += chunk.relationships.length;
    claims += chunk.claims.length;
    for (const node of chunk.nodes) kinds.set(String(node.props.kind), (kinds.get(String(node.props.kind)) ?? 0) + 1);
    for (const rel of chunk.relationships) types.set(rel.type, (types.get(rel.type) ?? 0) + 1);
  }
  return { nodes, relationships, claims, kinds, types };
}
