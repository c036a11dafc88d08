/**
 * A path's steps in words (issue #20: "A 隶属于 B，B 领导 C"), in Chinese and English, for every
 * relationship type of the model. Each step is read from the entity the walk leaves: a relationship
 * walked the way it is stored reads `forward` ({a} 隶属于 {b}), walked backwards `backward`
 * ({a} 领导 {b}). The one table the API (`paths { steps { text } }`), the path export and the viewer's
 * path lens all use; `satisfies` makes a relationship type added to schema/model.ts fail to compile here
 * until it has its words.
 */
import type { RelationshipType } from './model.ts';

export type PhraseLanguage = 'zh' | 'en';

interface Phrases {
  forward: string;
  backward: string;
}

export const PATH_PHRASES = {
  REPORTS_TO: {
    zh: { forward: '{a} 隶属于 {b}', backward: '{a} 领导 {b}' },
    en: { forward: '{a} reports to {b}', backward: '{a} leads {b}' },
  },
  GOVERNS: {
    zh: { forward: '{a} 管辖 {b}', backward: '{a} 由 {b} 管辖' },
    en: { forward: '{a} governs {b}', backward: '{a} is governed by {b}' },
  },
  COVERS: {
    zh: { forward: '{a} 覆盖 {b}', backward: '{a} 由 {b} 覆盖' },
    en: { forward: '{a} covers {b}', backward: '{a} is covered by {b}' },
  },
  PART_OF: {
    zh: { forward: '{a} 属于 {b}', backward: '{a} 下辖 {b}' },
    en: { forward: '{a} lies within {b}', backward: '{a} contains {b}' },
  },
  MEMBER_OF: {
    zh: { forward: '{a} 是 {b} 的成员', backward: '{a} 的成员有 {b}' },
    en: { forward: '{a} is a member of {b}', backward: '{a} has the member {b}' },
  },
  LEADS: {
    zh: { forward: '{a} 牵头 {b}', backward: '{a} 由 {b} 牵头' },
    en: { forward: '{a} leads {b}', backward: '{a} is led by {b}' },
  },
  HELD_WITHIN: {
    zh: { forward: '{a} 由 {b} 的领导担任', backward: '{a} 的领导担任 {b}' },
    en: { forward: '{a} is held by leaders of {b}', backward: '{a} has leaders who hold {b}' },
  },
  SUB_CHAIN_OF: {
    zh: { forward: '{a} 是 {b} 的分链', backward: '{a} 的分链有 {b}' },
    en: { forward: '{a} is a sub-chain of {b}', backward: '{a} has the sub-chain {b}' },
  },
  ON_CHAIN: {
    zh: { forward: '{a} 是 {b} 的链上企业', backward: '{a} 的链上企业有 {b}' },
    en: { forward: '{a} is on the chain {b}', backward: '{a} includes {b}' },
  },
  LOCATED_IN: {
    zh: { forward: '{a} 位于 {b}', backward: '{a} 内有 {b}' },
    en: { forward: '{a} is located in {b}', backward: '{a} houses {b}' },
  },
  RUNS: {
    zh: { forward: '{a} 建设/运营 {b}', backward: '{a} 由 {b} 建设/运营' },
    en: { forward: '{a} runs {b}', backward: '{a} is run by {b}' },
  },
  HOSTED_BY: {
    zh: { forward: '{a} 依托 {b} 设立', backward: '{a} 内设有 {b}' },
    en: { forward: '{a} is set up within {b}', backward: '{a} hosts {b}' },
  },
  PARTY_ORGANIZATION_OF: {
    zh: { forward: '{a} 是 {b} 的党组织', backward: '{a} 的党组织是 {b}' },
    en: { forward: '{a} is the Party organization of {b}', backward: '{a} has the Party organization {b}' },
  },
  HOLDS_POSITION: {
    zh: { forward: '{a} 在 {b} 任职', backward: '{a} 有任职人员 {b}' },
    en: { forward: '{a} holds a position in {b}', backward: '{a} has a post held by {b}' },
  },
  SERVES_IN: {
    zh: { forward: '{a} 派驻/任职于 {b}', backward: '{a} 有 {b} 派驻/任职' },
    en: { forward: '{a} serves in {b}', backward: '{a} is served by {b}' },
  },
  CHAIRS: {
    zh: { forward: '{a} 挂帅 {b}', backward: '{a} 由 {b} 挂帅' },
    en: { forward: '{a} heads {b}', backward: '{a} is headed by {b}' },
  },
  HONOURED_WITH: {
    zh: { forward: '{a} 获评 {b}', backward: '{a} 授予了 {b}' },
    en: { forward: '{a} received {b}', backward: '{a} was awarded to {b}' },
  },
  CONFERRED_BY: {
    zh: { forward: '{a} 由 {b} 评定', backward: '{a} 评定 {b}' },
    en: { forward: '{a} is conferred by {b}', backward: '{a} confers {b}' },
  },
  PARTNERS_WITH: {
    zh: { forward: '{a} 与 {b} 联建', backward: '{a} 与 {b} 联建' },
    en: { forward: '{a} works with {b}', backward: '{a} works with {b}' },
  },
  PAIRED_WITH: {
    zh: { forward: '{a} 与 {b} 结对', backward: '{a} 与 {b} 结对' },
    en: { forward: '{a} is paired with {b}', backward: '{a} is paired with {b}' },
  },
} as const satisfies Record<RelationshipType, Record<PhraseLanguage, Phrases>>;

export interface StepWords {
  /** Name of the entity the step leaves. */
  from: string;
  /** Name of the entity the step reaches. */
  to: string;
  type: string;
  /** True when the relationship is stored from `from` to `to`. */
  forward: boolean;
}

/** One step in words, e.g. 甲村党支部 隶属于 联合党委; a type the table lacks reads "{a} — TYPE — {b}". */
export function stepText(step: StepWords, language: PhraseLanguage): string {
  const phrases = (PATH_PHRASES as Record<string, Record<PhraseLanguage, Phrases>>)[step.type]?.[language];
  const template = phrases ? (step.forward ? phrases.forward : phrases.backward) : `{a} — ${step.type} — {b}`;
  return template.replace('{a}', step.from).replace('{b}', step.to);
}

/** A whole path in words, its steps joined as a sentence: "A 隶属于 B，B 领导 C。" */
export function pathText(steps: readonly StepWords[], language: PhraseLanguage): string {
  if (steps.length === 0) return '';
  const parts = steps.map((s) => stepText(s, language));
  if (language === 'zh') return `${parts.join('，')}。`;
  // Every template starts with the name it reads from, so nothing is capitalised (names are as written).
  return `${parts.join('; ')}.`;
}
