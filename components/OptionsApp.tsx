import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { failureKey, t, type MessageKey } from '@/utils/views/i18n';
import {
  DEFAULT_RUN_CONCURRENCY,
  MAX_RUN_CONCURRENCY,
  MIN_RUN_CONCURRENCY,
} from '@/utils/shared/creator-lists';
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_CACHE_TTL_HOURS,
  MIN_CACHE_TTL_HOURS,
  MAX_TIMEOUT_SECONDS,
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
  checkKey(): Promise<Result<{ valid: true }>>;
  /** What the background reset because it could not read it (shown until dismissed or saved). */
  loadStorageNotice?(): Promise<StorageNoticeKind[]>;
  clearStorageNotice?(): Promise<void>;
}

const STORAGE_NOTICE_TEXT: Record<StorageNoticeKind, MessageKey> = {
  'settings-reset': 'noticeSettingsReset',
  'key-reset': 'noticeKeyReset',
};

type Notice = { tone: 'ok' | 'error' | 'info'; text: string } | null;

const REASON_KEYS: Record<string, MessageKey> = {
  'apiKey:empty': 'errorKeyEmpty',
  'apiKey:whitespace': 'errorKeyWhitespace',
  'customUrl:empty': 'errorUrlEmpty',
  'customUrl:not-http-url': 'errorUrlNotHttp',
  'cacheTtlHours:out-of-range': 'errorTtlRange',
  'timeoutSeconds:out-of-range': 'errorTimeoutRange',
  'runConcurrency:out-of-range': 'errorConcurrencyRange',
};

function failureText(error: Failure): string {
  const code = error.code !== undefined ? ` (${error.code})` : '';
  return `${t(failureKey(error.kind, 'title'))}${code} — ${t(failureKey(error.kind, 'action'))}`;
}

/**
 * The options page: API key, endpoint, cache lifetime, and (under Advanced) the request timeout
 * and the parallel requests of a creator-list run; saves only valid input.
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

  useEffect(() => {
    void store.load().then((loaded) => {
      setForm(loaded);
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
      for (const e of checked.errors) next[e.field] = t(REASON_KEYS[`${e.field}:${e.reason}`] ?? 'errorInvalid');
      setErrors(next);
      if (next.timeoutSeconds || next.runConcurrency) setAdvancedOpen(true); // never hide the field that stops the save
      setNotice({ tone: 'error', text: t('notSaved') });
      return false;
    }
    setErrors({});
    await store.save(checked.value);
    setForm(checked.value);
    return true;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (await save()) {
      setNotice({ tone: 'ok', text: t('saved') });
      if (storageNotice.length > 0) dismissStorageNotice();
    }
  };

  const onCheck = async () => {
    if (!(await save())) return;
    setBusy(true);
    setNotice({ tone: 'info', text: t('checkingKey') });
    try {
      // One attempt, never retried: the page stops waiting once its timeout (and a margin) is over.
      const result = await withDeadline(store.checkKey(), form.timeoutSeconds * 1000 + BRIDGE_MARGIN_MS);
      setNotice(result.ok ? { tone: 'ok', text: t('keyValid') } : { tone: 'error', text: failureText(result.error) });
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
      <h1>{t('optionsTitle')}</h1>
      {storageNotice.length > 0 && (
        <div class="xdp-storage-notice" role="alert">
          {storageNotice.map((kind) => (
            <p key={kind}>{t(STORAGE_NOTICE_TEXT[kind])}</p>
          ))}
          <button type="button" onClick={dismissStorageNotice}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div class="xdp-field">
          <label for="api-key">{t('apiKeyLabel')}</label>
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
              {showKey ? t('hide') : t('show')}
            </button>
          </div>
          <p id="api-key-help" class="xdp-field__help">
            {t('apiKeyHelp')}
          </p>
          {fieldError('apiKey')}
        </div>

        <div class="xdp-field">
          <label for="endpoint">{t('endpointLabel')}</label>
          <select
            id="endpoint"
            value={form.endpoint}
            onChange={(e) => set('endpoint', e.currentTarget.value as SettingsInput['endpoint'])}
          >
            <option value="global">{t('endpointGlobal')}</option>
            <option value="cn">{t('endpointCn')}</option>
            <option value="custom">{t('endpointCustom')}</option>
          </select>
          {form.endpoint === 'cn' && <p class="xdp-field__help">{t('endpointCnNote')}</p>}
        </div>

        {form.endpoint === 'custom' && (
          <div class="xdp-field">
            <label for="custom-url">{t('customUrlLabel')}</label>
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
              {t('customUrlHelp')}
            </p>
            {fieldError('customUrl')}
          </div>
        )}

        <NumberField
          id="cache-ttl"
          label={t('cacheTtlLabel')}
          help={t('cacheTtlHelp')}
          min={MIN_CACHE_TTL_HOURS}
          max={MAX_CACHE_TTL_HOURS}
          value={form.cacheTtlHours}
          field="cacheTtlHours"
          error={fieldError('cacheTtlHours')}
          onValue={(n) => set('cacheTtlHours', n)}
        />

        <details
          class="xdp-advanced"
          open={advancedOpen}
          onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
        >
          <summary>{t('advanced')}</summary>
          <NumberField
            id="timeout-seconds"
            label={t('timeoutLabel')}
            help={t('timeoutHelp')}
            min={MIN_TIMEOUT_SECONDS}
            max={MAX_TIMEOUT_SECONDS}
            value={form.timeoutSeconds}
            field="timeoutSeconds"
            error={fieldError('timeoutSeconds')}
            onValue={(n) => set('timeoutSeconds', n)}
          />
          <NumberField
            id="run-concurrency"
            label={t('concurrencyLabel')}
            help={t('concurrencyHelp')}
            min={MIN_RUN_CONCURRENCY}
            max={MAX_RUN_CONCURRENCY}
            value={form.runConcurrency}
            field="runConcurrency"
            error={fieldError('runConcurrency')}
            onValue={(n) => set('runConcurrency', n)}
          />
        </details>

        <div class="xdp-actions">
          <button type="submit" class="xdp-primary" disabled={busy}>
            {t('save')}
          </button>
          <button type="button" disabled={busy} onClick={() => void onCheck()}>
            {t('checkKey')}
          </button>
          <span class="xdp-field__help">{t('checkKeyCost')}</span>
        </div>
        <p class={`xdp-notice xdp-notice--${notice?.tone ?? 'none'}`} role="status" aria-live="polite">
          {notice?.text ?? ''}
        </p>
      </form>
    </main>
  );
}

interface NumberFieldProps {
  id: string;
  field: SettingsField;
  label: string;
  help: string;
  min: number;
  max: number;
  value: number;
  /** The field's error message (from fieldError), or null. */
  error: ComponentChildren;
  onValue: (value: number) => void;
}

/** A whole-number setting with its label, help and error (cache lifetime, timeout, parallel requests). */
function NumberField({ id, field, label, help, min, max, value, error, onValue }: NumberFieldProps) {
  return (
    <div class="xdp-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        value={String(value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${field}-error` : `${id}-help`}
        onInput={(e) => onValue(Number(e.currentTarget.value))}
      />
      <p id={`${id}-help`} class="xdp-field__help">
        {help}
      </p>
      {error}
    </div>
  );
}
