// Plan dashboard chart: planned vs done inspections by month, from the JSON script tag (no inline JS).
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("plan-chart");
  var src = document.getElementById("plan-chart-data");
  if (!el || !src || typeof echarts === "undefined") return;
  var data = JSON.parse(src.textContent);
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: ["计划检查", "完成检查"] },
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value", name: "家次", minInterval: 1 },
    series: [
      { name: "计划检查", type: "bar", data: data.planned, itemStyle: { color: "#9fb4cc" } },
      { name: "完成检查", type: "bar", data: data.done, itemStyle: { color: "#1f5f99" } }
    ]
  });
  el.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
});
