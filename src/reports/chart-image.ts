/**
 * A chart as a PNG picture for the chat (Telegram photo, Zalo photo by link, console file), drawn in
 * Node by the same Chart.js as the web view, on a Skia canvas (@napi-rs/canvas): no browser. Both
 * are loaded on the first picture only.
 */

export interface BarChartImage {
  title: string;
  /** The line under the title ("36 đơn vị · nộp đúng hạn 12 · …"). */
  subtitle?: string;
  labels: string[];
  values: number[];
  /** What the values are ("Tỷ lệ đơn vị đạt (%)"). */
  label: string;
  max?: number;
  width?: number;
  height?: number;
}

/** Draws a bar chart on a white background and returns the PNG. */
export async function barChartPng(c: BarChartImage): Promise<Buffer> {
  const [{ createCanvas }, { Chart, registerables }] = await Promise.all([
    import('@napi-rs/canvas'),
    import('chart.js'),
  ]);
  Chart.register(...registerables);
  const width = c.width ?? 1000;
  const height = c.height ?? 560;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], {
    type: 'bar',
    data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, backgroundColor: '#0b57d0' }] },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: 16 },
      scales: { y: { beginAtZero: true, ...(c.max !== undefined ? { max: c.max } : {}) } },
      plugins: {
        legend: { display: false },
        title: { display: true, text: c.title, font: { size: 18 }, color: '#1b1f24' },
        ...(c.subtitle ? { subtitle: { display: true, text: c.subtitle, font: { size: 14 } } } : {}),
      },
    },
    plugins: [
      {
        id: 'white-background',
        beforeDraw: (ch) => {
          const g = ch.ctx;
          g.save();
          g.fillStyle = '#ffffff';
          g.fillRect(0, 0, ch.width, ch.height);
          g.restore();
        },
      },
    ],
  });
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}
