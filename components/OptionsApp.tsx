import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { failureKey, t, type MessageKey } from '@/utils/views/i18n';
import { tOpt, type OptionsMessageKey } from '@/utils/views/i18n-options';
import type { FollowUsageLog } from '@/utils/views/usage-source';
import type { BalanceInfo } from '@/utils/shared/usage';
import type { KeyCheck } from '@/utils/shared/messaging';
import type { BalanceShown } from './BalanceLine';
import {
  DEFAULT_RUN_CONCURRENCY,
  MAX_RUN_CONCURRENCY,
  MIN_RUN_CONCURRENCY,
} from '@/utils/shared/creator-lists';
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_CACHE_TTL_HOURS,
  MIN_CACHE_TTL_HOURS,
  MAX_DAILY_CALL_LIMIT,
  MAX_TIMEOUT_SECONDS,
  MIN_DAILY_CALL_LIMIT,
  MIN_TIMEOUT_SECONDS,
  validateSettingsInput,
  type SettingsInput,
  type SettingsField,
} from '@/utils/shared/settings';
import type { Failure, Result } from '@/utils/shared/types';
import type { StorageNoticeKind } from '@/utils/shared/notice';
import { BRIDGE_MARGIN_MS, withDeadline } from '@/utils/views/view-bridge';

export interface OptionsStore {
  load(): Promise<SettingsInput>;
  save(input: SettingsInput): Promise<void>;
  checkKey(): Promise<Result<KeyCheck>>;
  /** The account balance (cached by the background for 10 minutes unless `refresh`). */
  getBalance?(refresh: boolean): Promise<Result<BalanceInfo>>;
  /** The usage log, read and followed (the Usage section). */
  followUsage?: FollowUsageLog;
  /** What the background reset because it could not read it (shown until dismissed or saved). */
  loadStorageNotice?(): Promise<StorageNoticeKind[]>;
  clearStorageNotice?(): Promise<void>;
}

const STORAGE_NOTICE_TEXT: Record<StorageNoticeKind, OptionsMessageKey> = {
  'settings-reset': 'noticeSettingsReset',
  'key-reset': 'noticeKeyReset',
};

type Notice = { tone: 'ok' | 'error' | 'info'; text: string } | null;

const REASON_KEYS: Record<string, MessageKey | OptionsMessageKey> = {
  'apiKey:empty': 'errorKeyEmpty',
  'apiKey:whitespace': 'errorKeyWhitespace',
  'customUrl:empty': 'errorUrlEmpty',
  'customUrl:not-http-url': 'errorUrlNotHttp',
  'cacheTtlHours:out-of-range': 'errorTtlRange',
  'timeoutSeconds:out-of-range': 'errorTimeoutRange',
  'runConcurrency:out-of-range': 'errorConcurrencyRange',
  'dailyCallLimit:out-of-range': 'errorDailyLimitRange',
  'pricePerCall:out-of-range': 'errorPriceRange',
};

/**
 * The balance line and the Usage section (with Chart.js): chunks of their own, requested when the
 * page opens but not waited for by the form (the options page's first load stays small).
 */
const loadMoneyParts = () => import('./options-money');
type MoneyParts = Awaited<ReturnType<typeof loadMoneyParts>>;

function failureText(error: Failure): string {
  const code = error.code !== undefined ? ` (${error.code})` : '';
  return `${t(failureKey(error.kind, 'title'))}${code} — ${t(failureKey(error.kind, 'action'))}`;
}

/**
 * The options page: API key (with the account balance), endpoint, cache lifetime, daily call
 * limit and price per call, and (under Advanced) the request timeout and the parallel requests of
 * a creator-list run; saves only valid input. Below the form, the Usage section.
 */
export function OptionsApp({ store }: { store: OptionsStore }) {
  const [form, setForm] = useState<SettingsInput | null>(null);
  const [showKey, setShowKey] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const [storageNotice, setStorageNotice] = useState<StorageNoticeKind[]>([]);
  useEffect(() => {
    void store.loadStorageNotice?.().then(setStorageNotice, () => undefined);
  }, [store]);
  const dismissStorageNotice = () => {
    setStorageNotice([]);
    void store.clearStorageNotice?.();
  };

  const [balance, setBalance] = useState<BalanceShown>(null);
  const askBalance = (refresh: boolean) => {
    if (!store.getBalance) return;
    setBalance({ status: 'loading' });
    store.getBalance(refresh).then(
      (result) => setBalance({ status: 'done', result }),
      () => setBalance({ status: 'done', result: { ok: false, error: { kind: 'bad-response' } } }),
    );
  };
  useEffect(() => askBalance(false), [store]);

  const [money, setMoney] = useState<MoneyParts | null>(null);
  // What storage holds: Usage is costed at the saved price (not one still being typed), and a
  // new key or endpoint has another balance.
  const [saved, setSaved] = useState<SettingsInput | null>(null);
  useEffect(() => {
    if (store.getBalance || store.followUsage) void loadMoneyParts().then(setMoney, () => undefined);
  }, [store]);

  useEffect(() => {
    void store.load().then((loaded) => {
      setForm(loaded);
      setSaved(loaded);
      // Advanced values the user changed are shown; the defaults stay tucked away.
      setAdvancedOpen(loaded.timeoutSeconds !== DEFAULT_TIMEOUT_SECONDS || loaded.runConcurrency !== DEFAULT_RUN_CONCURRENCY);
    });
  }, [store]);

  if (!form) return <main class="xdp-options" aria-busy="true" />;

  const set = <K extends keyof SettingsInput>(key: K, value: SettingsInput[K]) => {
    setForm({ ...form, [key]: value });
    setNotice(null);
  };

  /** Validate and save; returns false (and saves nothing) when the input is refused. */
  const save = async (): Promise<boolean> => {
    const checked = validateSettingsInput(form);
    if (!checked.ok) {
      const next: Partial<Record<SettingsField, string>> = {};
      for (const e of checked.errors) next[e.field] = tOpt(REASON_KEYS[`${e.field}:${e.reason}`] ?? 'errorInvalid');
      setErrors(next);
      if (next.timeoutSeconds || next.runConcurrency) setAdvancedOpen(true); // never hide the field that stops the save
      setNotice({ tone: 'error', text: tOpt('notSaved') });
      return false;
    }
    setErrors({});
    await store.save(checked.value);
    setForm(checked.value);
    setSaved(checked.value);
    const { apiKey, endpoint, customUrl } = checked.value;
    if (apiKey !== saved?.apiKey || endpoint !== saved.endpoint || customUrl !== saved.customUrl) askBalance(false);
    return true;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (await save()) {
      setNotice({ tone: 'ok', text: tOpt('saved') });
      if (storageNotice.length > 0) dismissStorageNotice();
    }
  };

  const onCheck = async () => {
    if (!(await save())) return;
    setBusy(true);
    setNotice({ tone: 'info', text: tOpt('checkingKey') });
    try {
      // One attempt, never retried: the page stops waiting once its timeout (and a margin) is over.
      const result = await withDeadline(store.checkKey(), form.timeoutSeconds * 1000 + BRIDGE_MARGIN_MS);
      if (result.ok) {
        // The check asked the balance endpoint: its answer is the balance line's.
        const checked = result.value.balance;
        if (checked) setBalance({ status: 'done', result: { ok: true, value: checked } });
        setNotice({ tone: 'ok', text: tOpt('keyValid') });
      } else {
        setNotice({ tone: 'error', text: failureText(result.error) });
      }
    } catch {
      setNotice({ tone: 'error', text: t(failureKey('unexpected', 'title')) });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: SettingsField) =>
    errors[field] ? (
      <p id={`${field}-error`} class="xdp-field__error" role="alert">
        {errors[field]}
      </p>
    ) : null;

  return (
    <main class="xdp-options">
      <h1>{tOpt('optionsTitle')}</h1>
      {storageNotice.length > 0 && (
        <div class="xdp-storage-notice" role="alert">
          {storageNotice.map((kind) => (
            <p key={kind}>{tOpt(STORAGE_NOTICE_TEXT[kind])}</p>
          ))}
          <button type="button" onClick={dismissStorageNotice}>
            {tOpt('dismiss')}
          </button>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div class="xdp-field">
          <label for="api-key">{tOpt('apiKeyLabel')}</label>
          <div class="xdp-field__row">
            <input
              id="api-key"
              type={showKey ? 'text' : 'password'}
              autocomplete="off"
              spellcheck={false}
              value={form.apiKey}
              aria-invalid={errors.apiKey ? 'true' : undefined}
              aria-describedby={errors.apiKey ? 'apiKey-error' : 'api-key-help'}
              onInput={(e) => set('apiKey', e.currentTarget.value)}
            />
            <button type="button" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
              {showKey ? tOpt('hide') : tOpt('show')}
            </button>
          </div>
          <p id="api-key-help" class="xdp-field__help">
            {tOpt('apiKeyHelp')}
          </p>
          {fieldError('apiKey')}
          {store.getBalance && money && <money.BalanceLine shown={balance} onRefresh={() => askBalance(true)} />}
        </div>

        <div class="xdp-field">
          <label for="endpoint">{tOpt('endpointLabel')}</label>
          <select
            id="endpoint"
            value={form.endpoint}
            onChange={(e) => set('endpoint', e.currentTarget.value as SettingsInput['endpoint'])}
          >
            <option value="global">{tOpt('endpointGlobal')}</option>
            <option value="cn">{tOpt('endpointCn')}</option>
            <option value="custom">{tOpt('endpointCustom')}</option>
          </select>
          {form.endpoint === 'cn' && <p class="xdp-field__help">{tOpt('endpointCnNote')}</p>}
        </div>

        {form.endpoint === 'custom' && (
          <div class="xdp-field">
            <label for="custom-url">{tOpt('customUrlLabel')}</label>
            <input
              id="custom-url"
              type="url"
              placeholder="http://127.0.0.1:8787"
              value={form.customUrl}
              aria-invalid={errors.customUrl ? 'true' : undefined}
              aria-describedby={errors.customUrl ? 'customUrl-error' : 'custom-url-help'}
              onInput={(e) => set('customUrl', e.currentTarget.value)}
            />
            <p id="custom-url-help" class="xdp-field__help">
              {tOpt('customUrlHelp')}
            </p>
            {fieldError('customUrl')}
          </div>
        )}

        <NumberField
          id="cache-ttl"
          label={tOpt('cacheTtlLabel')}
          help={tOpt('cacheTtlHelp')}
          min={MIN_CACHE_TTL_HOURS}
          max={MAX_CACHE_TTL_HOURS}
          value={form.cacheTtlHours}
          field="cacheTtlHours"
          error={fieldError('cacheTtlHours')}
          onValue={(n) => set('cacheTtlHours', n ?? Number.NaN)}
        />

        <NumberField
          id="daily-call-limit"
          label={tOpt('dailyLimitLabel')}
          help={tOpt('dailyLimitHelp')}
          min={MIN_DAILY_CALL_LIMIT}
          max={MAX_DAILY_CALL_LIMIT}
          optional
          value={form.dailyCallLimit}
          field="dailyCallLimit"
          error={fieldError('dailyCallLimit')}
          onValue={(n) => set('dailyCallLimit', n)}
        />

        <NumberField
          id="price-per-call"
          label={tOpt('priceLabel')}
          help={tOpt('priceHelp')}
          decimal
          optional
          placeholder="0.05"
          value={form.pricePerCall}
          field="pricePerCall"
          error={fieldError('pricePerCall')}
          onValue={(n) => set('pricePerCall', n)}
        />

        <div class="xdp-field">
          <label class="xdp-check">
            <input type="checkbox" checked={form.listBadges} aria-describedby="list-badges-help" onChange={(e) => set('listBadges', e.currentTarget.checked)} />
            {tOpt('listBadgesLabel')}
          </label>
          <p id="list-badges-help" class="xdp-field__help">
            {tOpt('listBadgesHelp')}
          </p>
        </div>

        <details
          class="xdp-advanced"
          open={advancedOpen}
          onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
        >
          <summary>{tOpt('advanced')}</summary>
          <NumberField
            id="timeout-seconds"
            label={tOpt('timeoutLabel')}
            help={tOpt('timeoutHelp')}
            min={MIN_TIMEOUT_SECONDS}
            max={MAX_TIMEOUT_SECONDS}
            value={form.timeoutSeconds}
            field="timeoutSeconds"
            error={fieldError('timeoutSeconds')}
            onValue={(n) => set('timeoutSeconds', n ?? Number.NaN)}
          />
          <NumberField
            id="run-concurrency"
            label={tOpt('concurrencyLabel')}
            help={tOpt('concurrencyHelp')}
            min={MIN_RUN_CONCURRENCY}
            max={MAX_RUN_CONCURRENCY}
            value={form.runConcurrency}
            field="runConcurrency"
            error={fieldError('runConcurrency')}
            onValue={(n) => set('runConcurrency', n ?? Number.NaN)}
          />
        </details>

        <div class="xdp-actions">
          <button type="submit" class="xdp-primary" disabled={busy}>
            {tOpt('save')}
          </button>
          <button type="button" disabled={busy} onClick={() => void onCheck()}>
            {tOpt('checkKey')}
          </button>
          <span class="xdp-field__help">{tOpt('checkKeyCost')}</span>
        </div>
        <p class={`xdp-notice xdp-notice--${notice?.tone ?? 'none'}`} role="status" aria-live="polite">
          {notice?.text ?? ''}
        </p>
      </form>
      {store.followUsage && money && <money.UsageSection follow={store.followUsage} pricePerCall={saved?.pricePerCall ?? null} />}
    </main>
  );
}

interface NumberFieldProps {
  id: string;
  field: SettingsField;
  label: string;
  help: string;
  min?: number;
  max?: number;
  /** Empty is a value (null): "no limit", "no price". */
  optional?: boolean;
  /** Any decimal (a price, typed as text: "0.05"), not a whole number. */
  decimal?: boolean;
  placeholder?: string;
  value: number | null;
  /** The field's error message (from fieldError), or null. */
  error: ComponentChildren;
  /** The number typed; null when empty and optional; NaN when it is not a number (validation refuses it). */
  onValue: (value: number | null) => void;
}

const DECIMAL_INPUT = /^\d+(?:\.\d+)?$/;

/** What the field's text means (see NumberFieldProps.onValue). */
function readNumber(text: string, optional: boolean, decimal: boolean): number | null {
  const trimmed = text.trim();
  if (trimmed === '' && optional) return null;
  if (decimal) return DECIMAL_INPUT.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number(trimmed);
}

/**
 * A number setting with its label, help and error: whole numbers (cache lifetime, timeout,
 * parallel requests, daily call limit) or a decimal (price per call), optionally empty. The text
 * is kept as typed ("0.0" on the way to "0.05"); a new value from outside (load, save) replaces it.
 */
function NumberField({ id, field, label, help, min, max, optional = false, decimal = false, placeholder, value, error, onValue }: NumberFieldProps) {
  const shown = value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => {
    if (!Object.is(readNumber(text, optional, decimal), value)) setText(shown);
  }, [value]);
  return (
    <div class="xdp-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={decimal ? 'text' : 'number'}
        inputMode={decimal ? 'decimal' : undefined}
        min={decimal ? undefined : min}
        max={decimal ? undefined : max}
        step={decimal ? undefined : 1}
        placeholder={placeholder}
        value={text}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${field}-error` : `${id}-help`}
        onInput={(e) => {
          const typed = e.currentTarget.value;
          setText(typed);
          onValue(readNumber(typed, optional, decimal));
        }}
      />
      <p id={`${id}-help`} class="xdp-field__help">
        {help}
      </p>
      {error}
    </div>
  );
}
