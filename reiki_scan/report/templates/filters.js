// 検出一覧の絞り込み(類型・判定・所管課・キーワード)。通信はしない。
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr"));
  var shown = document.getElementById("shown-count");
  var empty = document.getElementById("no-match");
  function normalise(text) {
    return text.normalize("NFKC").toLowerCase();
  }
  var texts = rows.map(function (row) { return normalise(row.textContent); });
  function apply() {
    var category = form.elements.category.value;
    var bucket = form.elements.bucket.value;
    var department = form.elements.department.value;
    var words = normalise(form.elements.text.value).split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, i) {
      var visible = (!category || row.dataset.category === category) &&
        (!bucket || row.dataset.bucket === bucket) &&
        (!department || row.dataset.department === department) &&
        words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = String(count);
    empty.hidden = count !== 0;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    // Clear by hand so the list is redrawn at once ("" is "すべて" in every field).
    event.preventDefault();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name) { field.value = ""; }
    });
    apply();
  });
  apply();
})();
