import { render } from 'preact';
import { OptionsApp, type OptionsStore } from '@/components/OptionsApp';
import { loadSettings, saveSettings } from '@/utils/shared/settings';
import { apiKeyItem } from '@/utils/key/api-key';
import { sendMessage } from '@/utils/shared/messaging';
import { clearNotice, loadNotice } from '@/utils/shared/notice';
import { tOpt } from '@/utils/views/i18n-options';
import { followStoredUsageLog } from '@/utils/views/usage-source';
import { applyDocumentLanguage, pageTitle } from '@/utils/views/document-language';
import '@/components/options.css';

const store: OptionsStore = {
  async load() {
    const [apiKey, settings] = await Promise.all([apiKeyItem.getValue(), loadSettings()]);
    return { apiKey, ...settings };
  },
  async save({ apiKey, ...settings }) {
    await Promise.all([apiKeyItem.setValue(apiKey), saveSettings(settings)]);
  },
  checkKey: () => sendMessage('checkApiKey', undefined),
  // Loaded with the balance line, after the form (the first load stays small).
  getBalance: async (refresh) => (await import('@/components/options-money')).messagingBalance(refresh),
  followUsage: followStoredUsageLog,
  loadStorageNotice: async () => (await loadNotice())?.kinds ?? [],
  clearStorageNotice: clearNotice,
};

applyDocumentLanguage(pageTitle(tOpt('optionsTitle')));
const root = document.getElementById('app');
if (root) render(<OptionsApp store={store} />, root);
