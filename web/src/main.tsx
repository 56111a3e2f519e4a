import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import { FlashHost } from "./components/flash";
import { I18nProvider, loadLang, storedLang } from "./i18n";
import "./styles.css";
import "./catalog.css";
import "./components/lite/lite.css";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");

// The first render as a transition: React renders it in slices of a few milliseconds instead of
// one long task, so the page stays responsive while it builds (Lighthouse's total blocking time).
const root = createRoot(container);
const render = () =>
  startTransition(() =>
    root.render(
      <StrictMode>
        <I18nProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
          <FlashHost />
        </I18nProvider>
      </StrictMode>,
    ),
  );
// An English reader's messages are fetched before the first render (no flash of Vietnamese);
// Vietnamese is already here. If the fetch fails, the page renders in Vietnamese.
loadLang(storedLang()).then(render, render);
