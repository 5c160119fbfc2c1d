"""`python -m tests.support.screenshot OUT.png`: the chat page after a short conversation, as
the README shows it. Runs the product (development mode, offline model, a throw-away SQLite
database) and Debian's Chromium, like the browser tests."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.support.browser import ChatPage, start_chromium
from tests.support.processes import Server, migrate, product_env

CONVERSATION = (
    "Add a task to buy milk",
    "add call mom",
    "Remind me to pay the electricity bill",
    "I finished the milk",
    "what is pending?",
)


def take(out: Path, *, width: int, height: int) -> None:
    """Chat `CONVERSATION` as the user "demo" and save the window to `out` (PNG)."""
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "db.sqlite3"
        migrate(database)
        env = product_env(database, DEBUG="true")
        with Server.product(env, log_path=Path(directory) / "server.log") as server:
            browser = start_chromium(width=width, height=height)
            try:
                page = ChatPage(browser, server.base_url).sign_in("demo")
                for message in CONVERSATION:
                    page.say(message)
                page.wait_tasks("completed", ["Buy milk"])
                page.script("document.activeElement.blur()")
                out.parent.mkdir(parents=True, exist_ok=True)
                browser.save_screenshot(str(out))
            finally:
                browser.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/chat-page.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=760)
    options = parser.parse_args()
    take(options.out, width=options.width, height=options.height)
    print(options.out)


if __name__ == "__main__":
    main()
