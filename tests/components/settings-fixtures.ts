import { DEFAULT_SETTINGS, type SettingsInput } from '../../utils/shared/settings';

/** The options form as a fresh install shows it: no key, every setting at its default. */
export const DEFAULT_INPUT: SettingsInput = { apiKey: '', ...DEFAULT_SETTINGS };
