// 执法效能评估 charts: the ranking bars and the trend lines, from the JSON script tag (no inline JS).
document.addEventListener("DOMContentLoaded", function () {
  var src = document.getElementById("efficacy-chart-data");
  if (!src || typeof echarts === "undefined") return;
  var data = JSON.parse(src.textContent);
  var charts = [];
  var rankEl = document.getElementById("efficacy-ranking");
  if (rankEl) {
    var rank = echarts.init(rankEl);
    rank.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 140 },
      xAxis: { type: "value", max: 100, name: "分" },
      yAxis: { type: "category", data: data.ranking.names },
      series: [{ name: "综合得分", type: "bar", data: data.ranking.scores, label: { show: true, position: "right" },
                 itemStyle: { color: "#1f5f99" } }]
    });
    charts.push(rank);
    rankEl.dataset.ready = "1";
  }
  document.querySelectorAll("[data-trend]").forEach(function (el) {
    var t = data.trends[Number(el.dataset.trend)];
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { bottom: 50 },
      xAxis: { type: "category", data: t.labels },
      yAxis: { type: "value", name: t.unit },
      series: t.lines.map(function (l) { return { name: l.name, type: "line", data: l.data, connectNulls: false }; })
    });
    charts.push(chart);
    el.dataset.ready = "1";
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
});
