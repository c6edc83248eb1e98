// Entry point: the language, then the app.

import { render } from "preact";
import { App } from "./app.js";
import { setLang } from "./i18n.js";

setLang(localStorage.getItem("lang") ?? navigator.language);
render(<App />, document.getElementById("app") as HTMLElement);
