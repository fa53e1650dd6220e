// The launcher's live view: samples of the platform arrive as server-sent events (/samples) and are drawn on
// canvases. Each chart records how many data points it drew in its data-points attribute.
'use strict';

const KEPT = 150;                 // five minutes of samples, one every 2 s
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const SPIKING = '#d62728';
const numbers = new Intl.NumberFormat('en', {maximumFractionDigits: 1});
const samples = [];
let drawPending = false;

function connect() {
  const source = new EventSource('samples');
  source.onopen = () => setText('status', 'live');
  // EventSource reconnects by itself, for example after the launcher restarted.
  source.onerror = () => setText('status', 'disconnected, retrying…');
  source.onmessage = event => {
    const sample = JSON.parse(event.data);
    // A sample may arrive twice when the page connects while one is taken.
    if (samples.length > 0 && sample.time <= samples[samples.length - 1].time) {
      return;
    }
    samples.push(sample);
    if (samples.length > KEPT) {
      samples.shift();
    }
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(() => {
        drawPending = false;
        draw();
      });
    }
  };
}

function draw() {
  if (samples.length === 0) {
    return;
  }
  const latest = samples[samples.length - 1];
  setText('status', 'live, updated ' + clock(latest.time));
  const sessions = latest.sessions;
  setText('sessions', sessions ? numbers.format(sessions.active_sessions) + ' open sessions' : '');

  lineChart('events', overTime(sample => sample.events_per_second));
  lineChart('actions', overTime(sample => sample.actions_by_rule));
  lineChart('lag', overTime(sample => sample.lag_by_service));
  barChart('products', (latest.top_products || [])
      .map(product => ({label: product.product_id, value: product.hourly_views})));
  barChart('trends', (latest.trends || [])
      .map(trend => ({label: trend.trend_key, value: trend.events_per_minute, color: trend.spiking && SPIKING})));
  const deadLettered = latest.dead_lettered || {};
  const late = latest.late || {};
  barChart('records', Object.keys(deadLettered).flatMap(service => [
    {label: service + ' DLQ', value: deadLettered[service], color: COLORS[0]},
    {label: service + ' late', value: late[service] || 0, color: COLORS[1]}]));
  alertTable(latest.latest_alerts || []);
}

/** Per name, its [time, value] points over the kept samples; a sample without the figure adds no point. */
function overTime(figure) {
  const series = {};
  for (const sample of samples) {
    for (const [name, value] of Object.entries(figure(sample) || {})) {
      (series[name] = series[name] || []).push([sample.time, value]);
    }
  }
  return series;
}

function lineChart(id, series) {
  const {g, width, height} = canvas(id);
  const names = Object.keys(series).sort();
  const points = names.flatMap(name => series[name]);
  document.getElementById(id).dataset.points = points.length;
  if (points.length === 0) {
    return waiting(g, width, height);
  }
  const labels = names.map(name => name + ' ' + numbers.format(series[name][series[name].length - 1][1]));
  const columnWidth = 24 + Math.max(...labels.map(label => g.measureText(label).width));
  const columns = Math.max(1, Math.floor((width - 60) / columnWidth));
  const box = {left: 60, right: width - 10, top: 8, bottom: height - 22 - 18 * Math.ceil(names.length / columns)};
  const start = Math.min(...points.map(point => point[0]));
  const end = Math.max(start + 1, ...points.map(point => point[0]));
  const max = niceMax(Math.max(...points.map(point => point[1])));
  const x = time => box.left + (time - start) / (end - start) * (box.right - box.left);
  const y = value => box.bottom - value / max * (box.bottom - box.top);

  g.strokeStyle = '#ccc';
  g.fillStyle = '#555';
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const value of [0, max / 2, max]) {
    g.beginPath();
    g.moveTo(box.left, y(value));
    g.lineTo(box.right, y(value));
    g.stroke();
    g.fillText(numbers.format(value), box.left - 6, y(value));
  }
  g.textBaseline = 'top';
  g.textAlign = 'left';
  g.fillText(clock(start), box.left, box.bottom + 4);
  g.textAlign = 'right';
  g.fillText(clock(end), box.right, box.bottom + 4);

  g.lineWidth = 2;
  names.forEach((name, index) => {
    g.strokeStyle = COLORS[index % COLORS.length];
    g.beginPath();
    series[name].forEach(([time, value], i) => i === 0 ? g.moveTo(x(time), y(value)) : g.lineTo(x(time), y(value)));
    g.stroke();
    // A dot on the newest point, so that a series with a single point shows too.
    const [lastTime, lastValue] = series[name][series[name].length - 1];
    g.fillStyle = COLORS[index % COLORS.length];
    g.beginPath();
    g.arc(x(lastTime), y(lastValue), 3, 0, 2 * Math.PI);
    g.fill();
    legend(g, COLORS[index % COLORS.length], labels[index],
        box.left + (index % columns) * columnWidth, box.bottom + 22 + 18 * Math.floor(index / columns));
  });
}

/** Horizontal bars, largest first as given; bars: [{label, value, color}]. */
function barChart(id, bars) {
  const {g, width, height} = canvas(id);
  document.getElementById(id).dataset.points = bars.length;
  if (bars.length === 0) {
    return waiting(g, width, height);
  }
  const labelWidth = 8 + Math.max(...bars.map(bar => g.measureText(bar.label).width));
  const valueWidth = 60;
  const row = Math.min(24, height / bars.length);
  const max = Math.max(1, ...bars.map(bar => bar.value));
  g.textBaseline = 'middle';
  bars.forEach((bar, index) => {
    const middle = index * row + row / 2;
    g.fillStyle = '#333';
    g.textAlign = 'right';
    g.fillText(bar.label, labelWidth - 8, middle);
    g.fillStyle = bar.color || COLORS[0];
    const length = bar.value / max * (width - labelWidth - valueWidth);
    g.fillRect(labelWidth, middle - row * 0.35, Math.max(1, length), row * 0.7);
    g.fillStyle = '#333';
    g.textAlign = 'left';
    g.fillText(numbers.format(bar.value), labelWidth + length + 6, middle);
  });
}

function alertTable(alerts) {
  const rows = alerts.map(alert => {
    const row = document.createElement('tr');
    const details = Object.entries(alert.data || {})
        .filter(([key]) => key !== 'user_id')
        .map(([key, value]) => key + ' ' + (key.endsWith('_time') ? clock(value)
            : Array.isArray(value) ? value.join(', ') : value))
        .join(' · ');
    for (const text of [clock(alert.timestamp), alert.rule, alert.subject, details]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    }
    return row;
  });
  document.querySelector('#alerts tbody').replaceChildren(...rows);
  document.getElementById('alerts').dataset.points = rows.length;
}

function canvas(id) {
  const element = document.querySelector('#' + id + ' canvas');
  const ratio = window.devicePixelRatio || 1;
  const width = element.clientWidth;
  const height = element.clientHeight;
  element.width = width * ratio;
  element.height = height * ratio;
  const g = element.getContext('2d');
  g.scale(ratio, ratio);
  g.font = '12px system-ui, sans-serif';
  return {g, width, height};
}

function waiting(g, width, height) {
  g.fillStyle = '#888';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText('waiting for data', width / 2, height / 2);
}

function legend(g, color, text, left, top) {
  g.fillStyle = color;
  g.fillRect(left, top - 5, 10, 10);
  g.fillStyle = '#333';
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillText(text, left + 14, top);
}

/** 1, 2 or 5 times a power of ten, at least value: round numbers on the axis. */
function niceMax(value) {
  if (value <= 0) {
    return 1;
  }
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  return [1, 2, 5, 10].map(step => step * power).find(candidate => candidate >= value);
}

function clock(epochSeconds) {
  return new Date(epochSeconds * 1000).toLocaleTimeString('en-GB');
}

function setText(id, text) {
  document.getElementById(id).textContent = text;
}

window.addEventListener('resize', draw);
connect();
