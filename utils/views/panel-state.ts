import { storage } from 'wxt/utils/storage';

/** Whether the user collapsed the in-page panel; remembered across pages and restarts. */
export const panelCollapsedItem = storage.defineItem<boolean>('local:panelCollapsed', { fallback: false });
