import { render } from 'preact';
import { OptionsApp, type OptionsStore } from '@/components/OptionsApp';
import { loadSettings, saveSettings } from '@/utils/shared/settings';
import { apiKeyItem } from '@/utils/key/api-key';
import { sendMessage } from '@/utils/shared/messaging';
import { clearNotice, loadNotice } from '@/utils/shared/notice';
import { t } from '@/utils/views/i18n';
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
  loadStorageNotice: async () => (await loadNotice())?.kinds ?? [],
  clearStorageNotice: clearNotice,
};

document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) render(<OptionsApp store={store} />, root);
