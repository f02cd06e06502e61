import { ArcElement, Chart, DoughnutController, Tooltip } from 'chart.js';

// Tree-shaken: only what a doughnut with tooltips needs (no legend: the table is the legend).
Chart.register(DoughnutController, ArcElement, Tooltip);

/** Chart.js, ready for doughnuts. Loaded apart from the views: see DistributionChart. */
export { Chart };
