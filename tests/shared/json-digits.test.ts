import { describe, expect, it } from 'vitest';
import { parseJsonKeepingDigits } from '../../utils/shared/json-digits';

describe('parseJsonKeepingDigits', () => {
  it('keeps 19-digit integers exactly, as strings', () => {
    expect(parseJsonKeepingDigits('{"uid":7006229624431689736,"n":[3429711218823623123]}')).toEqual({
      uid: '7006229624431689736',
      n: ['3429711218823623123'],
    });
    expect(parseJsonKeepingDigits('-9007199254740993')).toBe('-9007199254740993');
  });
  it('leaves safe numbers, decimals and exponents as numbers', () => {
    expect(parseJsonKeepingDigits('{"a":1,"b":-2.5,"c":0.3333,"d":1e3,"e":9007199254740991,"f":1234567890123.5}')).toEqual({
      a: 1,
      b: -2.5,
      c: 0.3333,
      d: 1000,
      e: 9007199254740991,
      f: 1234567890123.5,
    });
  });
  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"s":"id 7006229624431689736 \\" 7006229624431689736","t":"\\\\","u":7006229624431689736}';
    expect(parseJsonKeepingDigits(text)).toEqual({
      s: 'id 7006229624431689736 " 7006229624431689736',
      t: '\\',
      u: '7006229624431689736',
    });
  });
  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonKeepingDigits('{"a":')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingDigits('{"a":7006229624431689736')).toThrow(SyntaxError);
  });
  it('duplicate keys: the last wins', () => {
    expect(parseJsonKeepingDigits('{"a":1,"a":2}')).toEqual({ a: 2 });
  });
});
