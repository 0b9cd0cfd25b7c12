/*
 * Survey questionnaires: show and hide conditional questions as the respondent answers.
 *
 * Progressive enhancement: without this script every question is shown with a note saying when to answer
 * it, and the server refuses answers to questions that do not apply. With it, a question whose conditions
 * do not hold is hidden and its inputs disabled (disabled inputs are not submitted). The rules mirror
 * komplan/surveys/definition.py (visible, _holds): a question is shown when each of its conditions refers
 * to a shown question and holds.
 */
(function () {
  "use strict";

  function valuesOf(form, key) {
    var values = [];
    var multiple = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || (el.name !== key && el.name.indexOf(key + ".") !== 0)) {
        return;
      }
      if (el.type === "checkbox") {
        multiple = true;
        if (el.checked) values.push(el.value);
      } else if (el.type === "radio") {
        if (el.checked) values.push(el.value);
      } else if (el.value.trim() !== "") {
        values.push(el.value.trim());
      }
    });
    return { values: values, multiple: multiple };
  }

  function holds(form, condition) {
    var answer = valuesOf(form, condition.question);
    var value = String(condition.value);
    if (condition.op === "answered") return answer.values.length > 0;
    if (condition.op === "includes") return answer.multiple && answer.values.indexOf(value) !== -1;
    var equal = !answer.multiple && answer.values.length === 1 && answer.values[0] === value;
    return condition.op === "equals" ? equal : !equal;
  }

  function setShown(wrapper, shown) {
    if (wrapper.hidden === !shown) return;
    wrapper.hidden = !shown;
    wrapper.querySelectorAll("input, select, textarea").forEach(function (el) {
      el.disabled = !shown;
    });
  }

  function update(form) {
    var shown = {};
    form.querySelectorAll("[data-kp-question]").forEach(function (wrapper) {
      var key = wrapper.getAttribute("data-kp-question");
      var raw = wrapper.getAttribute("data-kp-conditions");
      var conditions = raw ? JSON.parse(raw) : [];
      var visible = conditions.every(function (c) {
        return shown[c.question] && holds(form, c);
      });
      if (raw) setShown(wrapper, visible);
      shown[key] = visible;
    });
  }

  function init() {
    document.querySelectorAll("form[data-kp-survey]").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
    });
    var summary = document.getElementById("kp-error-summary");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
