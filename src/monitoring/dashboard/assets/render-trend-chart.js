// The per-quarter trend of one figure as a small uPlot bar chart, with the national target as a shaded band.
import uPlot from './uplot.esm.js';
import { formatNumber } from './format-value.js';

const BAR = '#1f6f8b';
const TARGET_FILL = 'rgba(46, 139, 87, 0.14)';
const TARGET_LINE = '#2e8b57';

function drawTarget(target) {
  return (u) => {
    if (!target || (target.low === undefined && target.high === undefined)) return;
    const { left, top, width, height } = u.bbox;
    const y = (v) => u.valToPos(v, 'y', true);
    const upper = target.high !== undefined ? y(target.high) : top;
    const lower = target.low !== undefined ? y(target.low) : top + height;
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = TARGET_FILL;
    ctx.fillRect(left, upper, width, lower - upper);
    ctx.strokeStyle = TARGET_LINE;
    ctx.lineWidth = Math.max(1, window.devicePixelRatio);
    ctx.setLineDash([6, 4]);
    for (const v of [target.low, target.high]) {
      if (v === undefined) continue;
      ctx.beginPath();
      ctx.moveTo(left, y(v));
      ctx.lineTo(left + width, y(v));
      ctx.stroke();
    }
    ctx.restore();
  };
}

function yRange(values, target) {
  const top = Math.max(0, ...values.filter((v) => v !== null), target?.high ?? 0, target?.low ?? 0);
  return [0, top > 0 ? top * 1.15 : 1];
}

/** `values` are the four quarters' numbers, null where masked or absent (no bar is drawn there). */
export function renderTrendChart(container, { values, target, label }) {
  const width = Math.max(200, container.clientWidth || 260);
  const options = {
    width,
    height: 130,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false },
    scales: { x: { time: false, range: [0.5, 4.5] }, y: { range: () => yRange(values, target) } },
    axes: [
      { splits: () => [1, 2, 3, 4], values: (_u, splits) => splits.map((v) => `K${v}`), grid: { show: false }, size: 28 },
      { values: (_u, splits) => splits.map(formatNumber), size: 44, grid: { stroke: '#e4e8ec' }, ticks: { show: false } },
    ],
    series: [{}, { label, fill: BAR, stroke: BAR, paths: uPlot.paths.bars({ size: [0.55, 48] }), points: { show: false } }],
    hooks: { drawClear: [drawTarget(target)] },
  };
  return new uPlot(options, [[1, 2, 3, 4], values], container);
}
