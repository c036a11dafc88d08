/**
 * The graph model: every kind of node and every relationship type the graph may hold.
 *
 * Cypher cannot take labels or relationship types as ordinary parameters, so this file is the
 * whitelist: a label or type that is not listed here never reaches a query. Every node carries the
 * label `Entity`, the label of its category (`Organization`, `Place`, …) and the label of its kind
 * (`JointCommittee`, `Village`, …); `kind` is also stored as a property so it reads back as data.
 */

export const CATEGORIES = [
  'Organization',
  'Alliance',
  'Place',
  'Unit',
  'IndustryChain',
  'Role',
  'Person',
  'ServiceSite',
  'Honour',
] as const;
export type Category = (typeof CATEGORIES)[number];

interface KindInfo {
  category: Category;
  /** The Chinese term users know it by. */
  zh: string;
}

export const KINDS = {
  // Party organizations (党组织), from the top of a district down to a building's group.
  DistrictCommittee: { category: 'Organization', zh: '区委 / 党工委(区级)' },
  SubdistrictWorkingCommittee: { category: 'Organization', zh: '街道党工委' },
  JointCommittee: { category: 'Organization', zh: '联合党委' },
  ComprehensiveCommittee: { category: 'Organization', zh: '综合党委' },
  IndustryCommittee: { category: 'Organization', zh: '行业党委' },
  BuildingCommittee: { category: 'Organization', zh: '楼宇党委' },
  ParkCommittee: { category: 'Organization', zh: '园区党委' },
  PartyCommittee: { category: 'Organization', zh: '党委' },
  GeneralBranch: { category: 'Organization', zh: '党总支' },
  Branch: { category: 'Organization', zh: '党支部' },
  Group: { category: 'Organization', zh: '党小组' },
  // A grid's own Party organization (网格党组织, usually a 网格党支部); 000 counts 620 and names none.
  GridBranch: { category: 'Organization', zh: '网格党组织 / 网格党支部' },
  // A working group set up by committees and governments (专项小组, 工作专班); not itself a Party organization.
  WorkingGroup: { category: 'Organization', zh: '专项小组 / 工作专班' },
  // A group of villages or units joined for development (党建联合体 / 片区党建联建).
  Alliance: { category: 'Alliance', zh: '党建联合体' },
  // Places.
  City: { category: 'Place', zh: '市' },
  District: { category: 'Place', zh: '区' },
  Subdistrict: { category: 'Place', zh: '街道' },
  Area: { category: 'Place', zh: '片区' },
  Community: { category: 'Place', zh: '社区' },
  Village: { category: 'Place', zh: '村' },
  ResidentialCompound: { category: 'Place', zh: '小区' },
  ResidentialBuilding: { category: 'Place', zh: '楼栋' },
  CommercialBuilding: { category: 'Place', zh: '楼宇' },
  IndustrialPark: { category: 'Place', zh: '产业园区' },
  Grid: { category: 'Place', zh: '网格' },
  // Units that are not Party organizations.
  Enterprise: { category: 'Unit', zh: '企业' },
  GovernmentUnit: { category: 'Unit', zh: '机关事业单位' },
  SocialOrganization: { category: 'Unit', zh: '社会组织' },
  // 红色物业: the companies that manage compounds and the owners' committees, the system's fourth level.
  PropertyCompany: { category: 'Unit', zh: '物业服务企业' },
  OwnersCommittee: { category: 'Unit', zh: '业主委员会 / 业委会' },
  // Industry chains (产业链) and their sub-chains (产业分链).
  IndustryChain: { category: 'IndustryChain', zh: '产业链' },
  SubChain: { category: 'IndustryChain', zh: '产业分链' },
  // A role such as 总链长 or 链长; who holds it is a description ("区级领导"), never an invented name.
  LeadershipRole: { category: 'Role', zh: '职务' },
  // The post of 第一书记, an official the district sends to a village (SERVES_IN the place); a holder is
  // named only where a report names one.
  FirstSecretary: { category: 'Role', zh: '第一书记' },
  // A grid post (网格长, 网格指导员, 专职网格员): who holds it is a description, as for LeadershipRole.
  GridRole: { category: 'Role', zh: '网格长 / 网格员 / 网格指导员' },
  Person: { category: 'Person', zh: '人员' },
  // 党群服务中心, 驿站, 教学点, 党校 …; `siteType` holds which.
  ServiceSite: { category: 'ServiceSite', zh: '党群服务阵地' },
  // An honour (先进个人, 示范村, 十亿元镇 …) with its `level` and `year`; who received it HONOURED_WITH it.
  Honour: { category: 'Honour', zh: '荣誉 / 先进典型' },
  // A grade in a rating scheme (评星定级: 五星级; 村党组织分类: 示范村/创优村/强基村; 软弱涣散); `scheme` says which.
  Rating: { category: 'Honour', zh: '评星定级 / 分类评定' },
} as const satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

export const isKind = (value: string): value is Kind => Object.hasOwn(KINDS, value);

/** The kinds of a category, as KINDS gives each kind's: the one list of them (a list kept elsewhere by hand drifts). */
export const kindsOfCategory = (category: Category): Kind[] => KIND_NAMES.filter((kind) => KINDS[kind].category === category);

/** The labels a node of this kind carries, in the order they are set. */
export const labelsOf = (kind: Kind): string[] => ['Entity', KINDS[kind].category, kind];

/**
 * Relationship types, with the direction they are stored in and what they mean.
 * `from`/`to` list the categories allowed at each end; the seed validator enforces them.
 */
export const RELATIONSHIP_TYPES = {
  REPORTS_TO: {
    from: ['Organization'],
    to: ['Organization'],
    zh: '隶属/上级党组织',
    means: 'the child organization is led by the parent (leadership hierarchy)',
  },
  GOVERNS: {
    from: ['Organization'],
    to: ['Place'],
    zh: '管辖',
    means: "the organization is the place's own Party organization",
  },
  COVERS: {
    from: ['Organization', 'Alliance'],
    to: ['Place'],
    zh: '覆盖',
    means: 'a joint, comprehensive or alliance body covers the place',
  },
  PART_OF: { from: ['Place'], to: ['Place'], zh: '属于', means: 'the place lies within the larger place' },
  MEMBER_OF: {
    from: ['Place', 'Organization', 'Unit'],
    to: ['Alliance'],
    zh: '成员',
    means: 'a member of an alliance (党建联合体)',
  },
  LEADS: {
    from: ['Organization', 'Role'],
    to: ['Alliance', 'IndustryChain'],
    zh: '牵头/领导',
    means: 'an organization leads an alliance or the Party-building of a chain; a role leads a chain',
  },
  HELD_WITHIN: {
    from: ['Role'],
    to: ['Organization'],
    zh: '任职于',
    means: 'the role is held by leaders of this organization (e.g. 区级领导 of the district committee)',
  },
  SUB_CHAIN_OF: {
    from: ['IndustryChain'],
    to: ['IndustryChain'],
    zh: '分链',
    means: 'a sub-chain of an industry chain',
  },
  ON_CHAIN: { from: ['Unit'], to: ['IndustryChain'], zh: '链上企业', means: 'an enterprise on the chain' },
  LOCATED_IN: {
    from: ['Organization', 'Unit', 'ServiceSite', 'Alliance'],
    to: ['Place'],
    zh: '位于',
    means: 'sits in the place (a committee in a building, a station in a community)',
  },
  RUNS: {
    from: ['Organization', 'Unit'],
    to: ['ServiceSite'],
    zh: '建设/运营',
    means: 'the organization built or runs the service site',
  },
  HOSTED_BY: {
    from: ['Organization'],
    to: ['Unit'],
    zh: '依托',
    means: 'the organization was set up within this unit (e.g. an industry committee in a bureau)',
  },
  PARTY_ORGANIZATION_OF: {
    from: ['Organization'],
    to: ['Unit'],
    zh: '党组织所在单位',
    means: 'the Party organization of an enterprise or unit',
  },
  HOLDS_POSITION: {
    from: ['Person'],
    to: ['Organization', 'Place', 'Unit'],
    zh: '任职',
    means: 'a person named in a report holds a position (`title`) there',
  },
  SERVES_IN: {
    from: ['Role'],
    to: ['Place'],
    zh: '派驻/任职范围',
    means: 'holders of the role serve in this place (第一书记 stationed in its villages, 网格长 in its grids); how many is a claim',
  },
  CHAIRS: {
    from: ['Organization', 'Unit'],
    to: ['Organization'],
    zh: '挂帅/任组长',
    means: "the body's principal leaders head a working group (双组长: each of two co-chairs)",
  },
  HONOURED_WITH: {
    from: ['Place', 'Organization', 'Unit', 'Person', 'Alliance', 'ServiceSite'],
    to: ['Honour'],
    zh: '获评/荣获',
    means: 'received the honour or rating (`year` when stated)',
  },
  CONFERRED_BY: {
    from: ['Honour'],
    to: ['Organization', 'Unit'],
    zh: '评定/授予',
    means: 'the body that runs the rating scheme or confers the honour',
  },
  PARTNERS_WITH: {
    from: ['Organization', 'Unit', 'Place', 'Alliance'],
    to: ['Organization', 'Unit', 'Place', 'Alliance'],
    zh: '联建/合作',
    means: 'two bodies work together in a programme (`programme`), as a report states; stored in one direction, read both ways',
  },
  PAIRED_WITH: {
    from: ['Unit', 'Place'],
    to: ['Place'],
    zh: '结对',
    means: 'a pairing (企业联村, 结对共建, 双报到) with a validity interval',
  },
} as const satisfies Record<string, { from: readonly Category[]; to: readonly Category[]; zh: string; means: string }>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];
export const isRelationshipType = (value: string): value is RelationshipType => Object.hasOwn(RELATIONSHIP_TYPES, value);

/** Relationships that hold at a time (a post, a posting): dated by the report unless the text gives its own `asOf`. */
export const DATED_RELATIONSHIP_TYPES: readonly RelationshipType[] = ['HOLDS_POSITION', 'SERVES_IN'];

/** The three kinds of pairing (结对) and which kinds of node may stand at each end. */
export const PAIRING_KINDS = {
  EnterpriseVillage: { zh: '企业联村', from: ['Enterprise'], to: ['Village'] },
  CommunityVillage: { zh: '城市社区结对共建', from: ['Community'], to: ['Village'] },
  UnitCommunity: { zh: '双报到', from: ['GovernmentUnit', 'Enterprise', 'SocialOrganization'], to: ['Community'] },
} as const satisfies Record<string, { zh: string; from: readonly Kind[]; to: readonly Kind[] }>;
export type PairingKind = keyof typeof PAIRING_KINDS;
export const isPairingKind = (value: string): value is PairingKind => Object.hasOwn(PAIRING_KINDS, value);

export const PAIRING_STATUSES = ['active', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

/** Units a claim's value can be in (score: 分; personTimes: 人次; households: 户; mu: 亩, the Chinese land unit). */
export const CLAIM_UNITS = [
  'count',
  'percent',
  'people',
  'yuan',
  'squareMetres',
  'times',
  'years',
  'households',
  'personTimes',
  'score',
  'mu',
] as const;

/** How exact a stated number is: 余/超/突破 → over, 近 → nearly, 不少于/以上 → atLeast, 约 → about. */
export const CLAIM_QUALIFIERS = ['over', 'nearly', 'atLeast', 'about'] as const;

/**
 * How we know a record (node, relationship or claim): a sentence states it; the thing is stated but
 * its name is ours; it follows from how the system is organised; or it is a judgement to confirm.
 */
export const BASES = ['stated', 'composedName', 'institutional', 'inferred'] as const;
export type Basis = (typeof BASES)[number];

/**
 * How serious an audit finding is, worst first (the order findings are listed in): the SDL's Severity
 * (audit.graphql), each cypher/findings/ rule's `// severity:` header and the viewer name one of these.
 */
export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The id format of every entity and pairing: lower-case words of a-z and 0-9 joined by '-', at most 120 characters. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 120;
export const isEntityId = (id: string): boolean => id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
