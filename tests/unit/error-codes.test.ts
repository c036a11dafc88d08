/**
 * One table of error codes (schema/error-codes.ts), shared by the API and the viewer: every code has an
 * HTTP status and a sentence in both of the viewer's languages, the server's statuses and default
 * messages are the table's, and the viewer words a server code by the table's key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, HTTP_STATUS } from '../../graph/errors.ts';
import { API_ERRORS, ERROR_CODE_NAMES } from '../../schema/error-codes.ts';
import { ApiError, messageKeyOf } from '../../web/src/api.ts';
import { type MessageKey, setLang, t } from '../../web/src/i18n.ts';

describe('the error-code table', () => {
  // setLang re-labels the page; a bare stand-in for the document is all it needs here.
  beforeAll(() => {
    Object.assign(globalThis, { document: { documentElement: {}, body: { querySelectorAll: () => [] }, title: '' } });
  });
  afterAll(() => {
    setLang('zh-CN');
    Reflect.deleteProperty(globalThis, 'document');
  });

  it('gives every code an HTTP status and a sentence in Chinese and in English', () => {
    expect(ERROR_CODE_NAMES.length).toBeGreaterThanOrEqual(15);
    const sentences = (key: MessageKey) => {
      setLang('zh-CN');
      const zh = t(key);
      setLang('en');
      const en = t(key);
      return { zh, en };
    };
    for (const code of ERROR_CODE_NAMES) {
      const { status, message } = API_ERRORS[code];
      expect(status >= 400 && status < 600, `${code} status ${status}`).toBe(true);
      const { zh, en } = sentences(message as MessageKey);
      expect(zh, `${code} zh`).toMatch(/\p{Script=Han}/u);
      expect(en, `${code} en`).toMatch(/^[\x20-\x7e]+$/);
      expect(zh, code).not.toBe(en);
    }
  });

  it('is the server’s: its statuses and default messages come from the table', () => {
    for (const code of ERROR_CODE_NAMES) {
      expect(HTTP_STATUS[code], code).toBe(API_ERRORS[code].status);
      expect(ERROR_CODES[code], code).toBe(API_ERRORS[code].means);
    }
    expect(HTTP_STATUS.RATE_LIMITED).toBe(429);
  });

  it('is the viewer’s: a server code is worded by its key (a refusal for too many requests no longer reads as unknown)', () => {
    setLang('en');
    expect(messageKeyOf('RATE_LIMITED')).toBe('error.RATE_LIMITED');
    expect(new ApiError('RATE_LIMITED', 'too many').describe()).toBe(t('error.RATE_LIMITED'));
    expect(messageKeyOf('TIME_BUDGET_EXCEEDED')).toBe('error.TIMEOUT');
    expect(new ApiError('BAD_USER_INPUT', 'depth: at most 3').describe()).toBe('Invalid input: depth: at most 3');
    expect(messageKeyOf('NETWORK')).toBe('error.NETWORK');
  });
});
