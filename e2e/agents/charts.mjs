// The chart agent of e2e/specs/rich-charts.spec.ts (id `demo`, which the spec's own server mints
// secrets for): every answer holds one chart of each type, then "Done.".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun']

export default {
  id: 'demo',
  name: 'Chart test agent',
  async *run() {
    yield { type: 'text', text: 'Here are your numbers.\n\n' }
    yield {
      type: 'chart',
      id: 'c-bar',
      chart: {
        chartType: 'bar',
        title: 'Revenue by quarter',
        labels: ['Q1', 'Q2', 'Q3', 'Q4'],
        unit: 'k€',
        series: [
          { name: '2025', values: [120, 135, -20, 160] },
          { name: '2026', values: [140, 150, 90, 210] },
        ],
      },
    }
    yield {
      type: 'chart',
      id: 'c-line',
      chart: {
        chartType: 'line',
        title: 'Latency',
        labels: MONTHS,
        unit: 'ms',
        series: [
          { name: 'p50', values: [80, 82, 79, 90, 85, 84] },
          { name: 'p99', values: [210, 260, 230, 300, 250, 240] },
        ],
      },
    }
    yield {
      type: 'chart',
      id: 'c-area',
      chart: { chartType: 'area', title: 'Active users', labels: MONTHS, series: [{ name: 'Users', values: [1200, 1800, 2400, 2300, 3100, 3900] }] },
    }
    yield {
      type: 'chart',
      id: 'c-pie',
      chart: {
        chartType: 'pie',
        title: 'Traffic sources',
        labels: ['Search', 'Direct', 'Social', 'Email'],
        unit: '%',
        series: [{ name: 'Share', values: [46, 28, 17, 9] }],
      },
    }
    yield { type: 'text', text: 'Done.' }
  },
}
