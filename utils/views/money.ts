import type { BalanceInfo } from '../shared/usage';

/**
 * Amounts of money as the user reads them: the provider's balance (a decimal string such as
 * "123.4500"), and what calls cost at the user's own price (utils/views/usage-summary.ts).
 * Everything is done on decimal digits (BigInt), never through a float that would lose or invent digits.
 */

/** A decimal: the integer `units` scaled by 10^-scale (123.4500 → units 1234500n, scale 4). */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d{1,30})(?:\.(\d{1,12}))?$/;

/** Read a decimal string ("123.4500", "-0.5", "7"); null for anything else (exponents, commas, words). */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return { units, scale: fraction.length };
}

/** A non-negative `value` rounded half up to `decimals` places, digits grouped ("1,234.57"). */
function toFixedDigits(value: Decimal, decimals: number): string {
  let units = value.units;
  if (value.scale > decimals) {
    const divisor = 10n ** BigInt(value.scale - decimals);
    units = (units + divisor / 2n) / divisor;
  } else {
    units *= 10n ** BigInt(decimals - value.scale);
  }
  const digits = units.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals > 0 ? `${whole}.${digits.slice(digits.length - decimals)}` : whole;
}

const SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', RMB: '¥', USD: '$' };

/** The sign for a currency code: ¥ for CNY, $ for USD, else the code itself ("EUR "). */
function currencyPrefix(currency: string): string {
  const code = currency.trim().toUpperCase();
  if (Object.hasOwn(SYMBOLS, code)) return SYMBOLS[code] ?? '';
  return /^[A-Z]{3}$/.test(code) ? `${code} ` : '';
}

/** An amount for display: "¥1,234.50", "-¥0.50" (`value` rounded half away from zero to `decimals` places). */
export function formatAmount(value: Decimal, currency: string, decimals = 2): string {
  const negative = value.units < 0n;
  const digits = toFixedDigits({ units: negative ? -value.units : value.units, scale: value.scale }, decimals);
  // A minus only when something is left after rounding ("-0.004" is "¥0.00").
  return `${negative && /[1-9]/.test(digits) ? '-' : ''}${currencyPrefix(currency)}${digits}`;
}

/**
 * A balance for display: "¥123.45" for `("123.4500", "CNY")`, two decimals rounded half away
 * from zero, digits grouped ("¥12,345.60"). Null when `amount` is not a plain decimal.
 */
export function formatMoney(amount: string, currency: string): string | null {
  const value = parseDecimal(amount);
  return value ? formatAmount(value, currency) : null;
}

/** The amount of a known balance for display ("¥123.45"), or null when it cannot be read. */
export function balanceAmount(info: BalanceInfo): string | null {
  return info.state === 'known' ? formatMoney(info.amount, info.currency) : null;
}
