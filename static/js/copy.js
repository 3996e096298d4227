// "Copy" buttons for text the page already shows in a box: the box works without this script, the
// button (hidden until this runs) only saves selecting the text.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.value || source.textContent);
        if (status) status.textContent = "Copied.";
      } catch (error) {
        source.select();
        if (status) status.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
  }
});
