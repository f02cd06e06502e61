/**
 * The options page's money parts, loaded as one chunk after the settings form shows
 * (components/OptionsApp.tsx, entrypoints/options/main.tsx): the balance request, the balance line
 * under the key and the Usage section (Chart.js comes with the section's chart, a chunk of its
 * own shared with the list page).
 */
export { messagingBalance } from '@/utils/views/money-bridge';
export { BalanceLine } from './BalanceLine';
export { UsageSection } from './UsageSection';
