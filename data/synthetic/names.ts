/**
 * Readable Chinese-style names for synthetic entities, built from syllable lists. Every name starts
 * with 合成· ("synthetic") so it can never be mistaken for a real place or organization, and a
 * NameBook hands out each name at most once within its scope (a district, a subdistrict, …), so
 * name + kind is unique under each parent and the duplicate-name audit finds nothing planted by chance.
 */
import type { Random } from './random.ts';

export const SYNTHETIC_PREFIX = '合成·';

/** Characters for place names (cities, districts, subdistricts, buildings, parks, enterprises). */
const PLACE = [
  ...'青松柏杨柳桃梅兰竹菊荷泉溪河湖山岭峪岱泰华岳明清泓源汇锦绣文昌盛兴隆丰安宁和顺康乐福寿祥瑞嘉禾春秋东西南北中新龙凤云霞翠碧金玉鸿远长宏永',
];
/** Characters that read well in a community's name. */
const COMMUNITY = [...'春元里阳光和平幸福文化锦华苑东西南北新城花园翠湖滨河绿荫星光馨怡景泰佳美丽雅颐静康宁御馨馥丹桂香榭晨曦朝晖欣悦'];
/** Surnames and endings for villages: 李家庄村, 王官屯村 … */
const SURNAME = [
  ...'李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟',
];
const VILLAGE_ENDING = [
  '家庄',
  '官庄',
  '家洼',
  '家峪',
  '家屯',
  '家店',
  '家寨',
  '家营',
  '庄',
  '屯',
  '店',
  '寨',
  '峪',
  '洼',
  '坡',
  '桥',
  '楼',
  '集',
  '河',
  '岭',
];

export const ENTERPRISE_TRADES = [
  '物流',
  '科技',
  '食品',
  '医药',
  '农业',
  '建材',
  '机械',
  '电子',
  '商贸',
  '文旅',
  '信息',
  '环保',
  '新材料',
  '生物',
];
export const BUILDING_ENDINGS = ['大厦', '中心', '广场', '金融港', '商务港'];
export const PARK_ENDINGS = ['产业园', '科技园', '智造谷', '创新港'];

/** Hands out unique names within scopes; deterministic for a given sequence of calls on one Random. */
export class NameBook {
  private readonly used = new Map<string, Set<string>>();

  constructor(private readonly random: Random) {}

  /** A name `合成·<stem><suffix>` not yet given in this scope; stems come from `draw`. */
  take(scope: string, suffix: string, draw: () => string): string {
    let used = this.used.get(scope);
    if (!used) {
      used = new Set();
      this.used.set(scope, used);
    }
    for (let attempt = 0; ; attempt += 1) {
      // After many misses the syllables are nearly used up in this scope: number the name instead.
      const stem = attempt < 24 ? draw() : `${draw()}${attempt - 22}`;
      const name = `${SYNTHETIC_PREFIX}${stem}${suffix}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  }

  /** Two place characters: 青松, 泰和 … */
  place(scope: string, suffix: string): string {
    return this.take(scope, suffix, () => this.random.pick(PLACE) + this.random.pick(PLACE));
  }

  community(scope: string): string {
    return this.take(scope, '社区', () => this.random.pick(COMMUNITY) + this.random.pick(COMMUNITY));
  }

  village(scope: string): string {
    return this.take(scope, '村', () => this.random.pick(SURNAME) + this.random.pick(VILLAGE_ENDING));
  }

  compound(scope: string): string {
    return this.take(scope, '小区', () => this.random.pick(COMMUNITY) + this.random.pick(PLACE));
  }

  enterprise(scope: string): string {
    return this.take(scope, '有限公司', () => this.random.pick(PLACE) + this.random.pick(PLACE) + this.random.pick(ENTERPRISE_TRADES));
  }
}
