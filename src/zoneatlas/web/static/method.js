// The attractiveness method page (/attractiveness/method): rendered on the server in both
// languages (CSS shows the one <body data-lang> names), so this only starts the page's
// header: the zone's name, the data notice and the language switch. A failure here leaves
// the server-rendered explanation in place.
import { startPage } from "./page.js";

startPage({ titleKey: "method.title" }).catch((error) => console.error(error));
