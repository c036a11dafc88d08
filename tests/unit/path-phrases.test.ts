/**
 * A path's steps in words (schema/path-phrases.ts): every relationship type reads in both directions in
 * both languages, from the entity the step leaves; a whole path is one sentence.
 */
import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPE_NAMES } from '../../schema/model.ts';
import { PATH_PHRASES, pathText, stepText } from '../../schema/path-phrases.ts';

describe('path phrases', () => {
  it('has words for every relationship type, both ways, in Chinese and English, each naming both ends', () => {
    for (const type of RELATIONSHIP_TYPE_NAMES) {
      for (const language of ['zh', 'en'] as const) {
        for (const forward of [true, false]) {
          const text = stepText({ from: 'A', to: 'B', type, forward }, language);
          expect(text.startsWith('A '), `${type} ${language} ${forward}`).toBe(true);
          expect(text.endsWith(' B') || text.includes(' B '), `${type} ${language} ${forward}`).toBe(true);
        }
      }
    }
    expect(Object.keys(PATH_PHRASES).sort()).toEqual([...RELATIONSHIP_TYPE_NAMES].sort());
  });

  it('reads a chain of command up and down: 隶属于 forward, 领导 backward', () => {
    const steps = [
      { from: '甲村党支部', to: '联合党委', type: 'REPORTS_TO', forward: true },
      { from: '联合党委', to: '乙村党支部', type: 'REPORTS_TO', forward: false },
    ];
    expect(pathText(steps, 'zh')).toBe('甲村党支部 隶属于 联合党委，联合党委 领导 乙村党支部。');
    expect(pathText(steps, 'en')).toBe('甲村党支部 reports to 联合党委; 联合党委 leads 乙村党支部.');
    expect(pathText([], 'zh')).toBe('');
    expect(stepText({ from: 'A', to: 'B', type: 'UNKNOWN', forward: true }, 'zh')).toBe('A — UNKNOWN — B');
  });
});
