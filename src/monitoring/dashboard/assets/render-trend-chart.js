// The per-quarter trend of one figure as a small uPlot bar chart, scaled to its own values, with the national
// target as a dashed line when it falls near them (a target far above the bars would flatten them into nothing: the
// card says the target in words, and the chart marks that it lies above).
import uPlot from './uplot.esm.js';
import { formatNumber } from './format-value.js';

const BAR = '#1f6f8b';
const TARGET_LINE = '#1d6b3f';
const MASKED_FILL = '#eef1f4';
const MASKED_TEXT_COLOUR = '#4d5b69';
/** A target more than this many times the largest bar is not drawn to scale. */
const TARGET_REACH = 2;

function targetValues(target) {
  return target ? [target.low, target.high].filter((v) => v !== undefined) : [];
}

/** The y range: from 0 to a little above the largest bar, and the targets that are near enough to show. */
export function chartRange(values, target) {
  const top = Math.max(0, ...values.filter((v) => v !== null));
  const near = targetValues(target).filter((t) => top === 0 || t <= top * TARGET_REACH);
  const above = targetValues(target).filter((t) => !near.includes(t));
  const max = Math.max(top, ...near);
  // Headroom for the label that says the target lies above the chart.
  return { max: max > 0 ? max * (above.length ? 1.4 : 1.15) : 1, drawn: near, above };
}

/** A masked quarter is a grey band that says so, so that a missing bar is never read as 0. */
function drawMasked(masked) {
  return (u) => {
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    const ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.font = `italic ${9 * ratio}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    masked.forEach((isMasked, i) => {
      if (!isMasked) return;
      const x = u.valToPos(i + 1, 'x', true);
      const half = Math.min(18 * ratio, u.bbox.width / 10);
      ctx.fillStyle = MASKED_FILL;
      ctx.fillRect(x - half, top, 2 * half, height);
      ctx.translate(x, top + height / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillStyle = MASKED_TEXT_COLOUR;
      ctx.fillText('afgeschermd', 0, 0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    });
    ctx.restore();
  };
}

function drawTarget(range) {
  return (u) => {
    const { left, top, width } = u.bbox;
    const ctx = u.ctx;
    const ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.strokeStyle = TARGET_LINE;
    ctx.fillStyle = TARGET_LINE;
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash([6 * ratio, 4 * ratio]);
    ctx.font = `${11 * ratio}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    for (const v of range.drawn) {
      const y = u.valToPos(v, 'y', true);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.fillText(`streefwaarde ${formatNumber(v)}`, left + 4 * ratio, y - 4 * ratio);
    }
    for (const v of range.above) ctx.fillText(`↑ streefwaarde ${formatNumber(v)}`, left + 4 * ratio, top + 12 * ratio);
    ctx.restore();
  };
}

/** `values` are the four quarters' numbers, null where masked or unknown (no bar is drawn there); `masked` says which are masked. */
export function renderTrendChart(container, { values, masked, target, label }) {
  const width = Math.max(200, container.clientWidth || 260);
  const range = chartRange(values, target);
  const options = {
    width,
    height: 130,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false },
    scales: { x: { time: false, range: [0.5, 4.5] }, y: { range: () => [0, range.max] } },
    axes: [
      { splits: () => [1, 2, 3, 4], values: (_u, splits) => splits.map((v) => `K${v}`), grid: { show: false }, size: 28 },
      { values: (_u, splits) => splits.map(formatNumber), size: 44, grid: { stroke: '#e4e8ec' }, ticks: { show: false } },
    ],
    series: [{}, { label, fill: BAR, stroke: BAR, paths: uPlot.paths.bars({ size: [0.55, 48] }), points: { show: false } }],
    hooks: { drawClear: [drawMasked(masked)], draw: [drawTarget(range)] },
  };
  return new uPlot(options, [[1, 2, 3, 4], values], container);
}
