// Follow a background job: poll its JSON status and update the progress bar in place.
// Without JavaScript the page refreshes itself every few seconds instead.
(function () {
  const box = document.querySelector(".job[data-job-url]");
  if (!box) return;
  const url = box.dataset.jobUrl;
  const bar = box.querySelector("progress");
  const state = box.querySelector(".job-state");
  const message = box.querySelector(".job-message");
  const done = box.querySelector(".job-done");
  const refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.remove();
  async function poll() {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const job = await response.json();
    bar.value = Math.round(job.progress * 100);
    bar.textContent = bar.value + "%";
    state.textContent = job.status.charAt(0).toUpperCase() + job.status.slice(1);
    message.textContent = job.message;
    if (job.status === "done") done.hidden = false;
    if (job.status === "queued" || job.status === "running") setTimeout(poll, 1000);
  }
  poll();
})();
