import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ListApp } from '@/components/list/ListApp';
import { t } from '@/utils/views/i18n';
import { applyDocumentLanguage, pageTitle } from '@/utils/views/document-language';
import { messagingListBridge } from '@/utils/views/list-bridge';
import { storageListSource } from '@/utils/views/list-source';

/** The list page (list.html): creator lists, opened from the popup and the panel. */
applyDocumentLanguage(pageTitle(t('listPageTitle')));
const root = document.getElementById('app');
if (root) {
  render(
    <ListApp
      bridge={messagingListBridge}
      source={storageListSource}
      clipboard={navigator.clipboard ?? null}
      openOptions={() => void browser.runtime.openOptionsPage().catch(() => undefined)}
    />,
    root,
  );
}
