// Draws every element carrying a data-echarts option, on load and after htmx swaps new ones in.
(function () {
  function draw(root) {
    if (typeof echarts === "undefined") return;
    root.querySelectorAll("[data-echarts]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(JSON.parse(el.getAttribute("data-echarts")), true);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-echarts]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  });
})();
