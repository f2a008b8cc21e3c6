// The workspace page: create a new input file from a template, then open it.
"use strict";
document.getElementById("new-input").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const message = form.querySelector(".message");
  message.textContent = "正在新建……";
  try {
    const response = await fetch("/api/new", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({name: form.elements.name.value, template: form.elements.template.value}),
    });
    const answer = await response.json();
    if (!response.ok) {
      message.textContent = answer.message;
      message.classList.add("bad");
      return;
    }
    location.href = "/edit?file=" + encodeURIComponent(answer.file);
  } catch (error) {
    message.textContent = "无法连接 drafter serve：它可能已经停止运行。";
    message.classList.add("bad");
  }
});
