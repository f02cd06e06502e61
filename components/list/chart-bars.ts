import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

// Tree-shaken: only what the list page's stacked bars need (loaded on "Compare", after the table).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Chart.js, ready for bar charts. Loaded apart from the page: see CompareChart. */
export { Chart };
