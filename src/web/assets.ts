/**
 * The web view's own files: its stylesheet, its small script (charts, filters that apply as they
 * change), and Chart.js from node_modules. Nothing comes from a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MATRIX_LABELS } from '../reports/matrix-labels.js';

const argb = (c: string) => `#${c.slice(2)}`;

/** Matrix colours: the XLSX's fills and fonts, one class per status. */
const MATRIX_CSS = Object.entries(MATRIX_LABELS)
  .map(([s, { fill, font }]) => `.m td.${s}{background:${argb(fill)};color:${argb(font)}}`)
  .join('');

export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f5f6f8}
a{color:#0b57d0}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding:.5rem 1rem;background:#0b3d91;color:#fff}
.top a{color:#fff;text-decoration:none}
.brand{font-weight:600;margin-right:auto}
.top nav{display:flex;gap:.25rem;flex-wrap:wrap}
.top nav a{padding:.3rem .6rem;border-radius:4px}
.top nav a[aria-current=page]{background:rgba(255,255,255,.2)}
.logout{margin:0}
.logout button{background:transparent;border:1px solid rgba(255,255,255,.6);color:#fff;border-radius:4px;padding:.25rem .6rem;cursor:pointer;font:inherit}
main{padding:1rem;max-width:1400px;margin:0 auto}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
.notice{background:#fff;border-left:4px solid #0b57d0;padding:.8rem 1rem;max-width:40rem}
.muted{color:#5f6b7a}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0 1rem;background:#fff;padding:.6rem;border-radius:6px;border:1px solid #dde1e6}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#5f6b7a;gap:.15rem}
form.filters select,form.filters input{font:inherit;padding:.35rem .4rem;border:1px solid #b9c0c8;border-radius:4px;min-width:8rem;background:#fff}
form.filters input[type=search]{min-width:12rem}
button.primary,a.button{font:inherit;background:#0b57d0;color:#fff;border:0;border-radius:4px;padding:.45rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0}
.chip{display:inline-flex;gap:.35rem;align-items:center;background:#fff;border:1px solid #dde1e6;border-radius:999px;padding:.2rem .7rem;text-decoration:none;color:inherit;font-size:.9rem}
.chip b{font-variant-numeric:tabular-nums}
.chip[aria-current=true]{border-color:#0b57d0;box-shadow:0 0 0 1px #0b57d0}
.st{display:inline-block;border-radius:4px;padding:.05rem .45rem;font-size:.85rem;white-space:nowrap}
.st.on_time{background:#c6efce;color:#006100}.st.late{background:#ffeb9c;color:#7a4400}.st.reporting{background:#ddebf7;color:#1f4e78}.st.not_started{background:#e4e6e9;color:#404040}.st.no_officer{background:#ffc7ce;color:#9c0006}
.wrap{overflow:auto;background:#fff;border:1px solid #dde1e6;border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{padding:.4rem .55rem;border-bottom:1px solid #e6e9ed;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}
th a{color:inherit;text-decoration:none}
th a::after{content:" ↕";color:#9aa4ae}
th a.asc::after{content:" ↑";color:#0b57d0}th a.desc::after{content:" ↓";color:#0b57d0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.list td:nth-child(2){min-width:10rem}
.pager{display:flex;gap:1rem;align-items:center;margin:.6rem 0}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem;margin:.4rem 0 1rem}
.downloads a{background:#fff;border:1px solid #b9c0c8;border-radius:4px;padding:.35rem .7rem;text-decoration:none}
.facts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.2rem 0 .8rem}
.m{border-collapse:separate;border-spacing:0;width:auto;font-size:.8rem}
.m th,.m td{border-bottom:1px solid #e6e9ed;border-right:1px solid #eef0f2;padding:.2rem .3rem;text-align:center;white-space:nowrap}
.m thead th{position:sticky;top:0;z-index:2}
.m thead tr:nth-child(2) th{top:1.7rem}
.m th.u,.m td.u{position:sticky;left:0;z-index:1;background:#fff;text-align:left;min-width:9rem;max-width:14rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.m thead th.u{z-index:3;background:#eef1f5}
.m td a{color:inherit;text-decoration:none;display:block;min-width:2.2rem}
.m.wrap,.wrap.m-wrap{max-height:75vh}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0;font-size:.85rem}
.legend span{padding:.1rem .5rem;border-radius:3px;border:1px solid #dde1e6}
${Object.entries(MATRIX_LABELS)
  .map(([s, { fill, font }]) => `.legend .${s}{background:${argb(fill)};color:${argb(font)}}`)
  .join('')}
${MATRIX_CSS}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,32rem),1fr));gap:1rem}
figure.chart{margin:0;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.7rem}
figure.chart figcaption{font-weight:600;margin-bottom:.4rem}
figure.chart .canvas{position:relative;height:18rem}
figure.chart details{font-size:.85rem;margin-top:.4rem}
.answer{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.7rem 1rem;margin:.6rem 0}
.answer dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.4rem 0}
.answer dt{color:#5f6b7a}.answer dd{margin:0}
ul.people{margin:.2rem 0;padding-left:1.2rem}
@media (max-width:640px){
  main{padding:.6rem}
  .top{padding:.4rem .6rem;gap:.2rem .5rem}
  .brand{flex-basis:100%}
  .top nav a{padding:.2rem .45rem}
  .logout{margin-left:auto}
  table.stack thead{display:none}
  table.stack tr{display:block;padding:.45rem .2rem;border-bottom:1px solid #e6e9ed}
  table.stack td{display:block;border:0;padding:.1rem .4rem;text-align:left}
  table.stack td:empty{display:none}
  table.stack td[data-l]::before{content:attr(data-l) ": ";color:#5f6b7a}
  .m th.u,.m td.u{min-width:6.5rem;max-width:8rem}
  th,td{padding:.35rem .4rem}
  .hide-sm,table.stack td.hide-sm{display:none}
  .list{font-size:.88rem}
  .list th{white-space:normal}
  .list td:nth-child(2){min-width:0}
  .st{font-size:.8rem;padding:.05rem .3rem}
  form.filters{flex-direction:column;align-items:stretch}
  form.filters select,form.filters input,form.filters input[type=search]{min-width:0;width:100%}
  figure.chart .canvas{height:15rem}
}
`;

/**
 * The page script: draws each chart from the JSON beside its canvas (Chart.js), and submits a
 * filter form as soon as one of its lists changes. Without it every page still works.
 */
export const SCRIPT = `
(function(){
  function draw(){
    if(!window.Chart)return;
    document.querySelectorAll('script[data-chart]').forEach(function(el){
      var canvas=document.getElementById(el.getAttribute('data-chart'));
      if(!canvas||canvas.dataset.drawn)return;
      var spec=JSON.parse(el.textContent);
      spec.options=Object.assign({responsive:true,maintainAspectRatio:false,animation:false},spec.options||{});
      new window.Chart(canvas,spec);
      canvas.dataset.drawn='1';
    });
  }
  document.addEventListener('DOMContentLoaded',function(){
    draw();
    document.querySelectorAll('form.filters select').forEach(function(s){
      s.addEventListener('change',function(){s.form.submit();});
    });
  });
})();
`;

let chartJs: Buffer | undefined;

/** Chart.js's UMD build from the installed package (read once). */
export function chartJsFile(): Buffer {
  if (!chartJs) {
    const require = createRequire(import.meta.url);
    chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'));
  }
  return chartJs;
}
