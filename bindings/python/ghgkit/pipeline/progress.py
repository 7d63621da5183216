"""A progress bar on stderr for long computations, drawn only when stderr is a terminal and the
environment variable CI is unset (GitHub Actions, GitLab CI and most CI services set it): logs and
pipes stay clean. No dependency.

    >>> with Progress(total=3, label="inventory") as bar:
    ...     bar.step("loading"); bar.step("computing"); bar.step("checking")
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from types import TracebackType
from typing import Iterator, TextIO


def progress_enabled(stream: TextIO | None = None) -> bool:
    """True when `stream` (stderr by default) is a terminal and CI is not set (or set to '' / 'false' / '0').

        >>> import io
        >>> progress_enabled(io.StringIO())
        False
    """
    stream = stream if stream is not None else sys.stderr
    ci = os.environ.get("CI", "").strip().lower()
    if ci not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """`[#####-----] 3/6 label: stage (1.2 s)`, redrawn in place; a no-op when not enabled.

    Use `step(text)` to move one unit, `update(done, text)` to set the position, or pass `callback`
    (a `(done, total)` function) to code that reports its own progress. A long call that reports
    nothing (one compiled `Inventory.compute`, which releases the GIL) runs inside `with
    bar.waiting():`, which keeps redrawing the elapsed time from a background thread.

        >>> bar = Progress(3, "report", enabled=False)
        >>> bar.step("loading")
        >>> bar.done, bar.total, bar.text
        (1, 3, 'loading')
    """

    WIDTH = 28

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = progress_enabled(self.stream) if enabled is None else enabled
        self.done = 0
        self.text = ""
        self._start = time.monotonic()
        self._drawn = False
        self._lock = threading.Lock()  # the main thread and the `waiting` thread both draw

    def update(self, done: int, text: str | None = None) -> None:
        """Set the position (clamped to 0..total) and, when given, the text.

            >>> bar = Progress(3, enabled=False)
            >>> bar.update(5, "done")
            >>> bar.done, bar.text
            (3, 'done')
        """
        self.done = min(max(int(done), 0), self.total)
        if text is not None:
            self.text = text
        self._draw()

    def step(self, text: str | None = None) -> None:
        """Move one unit forward, with a new text when given.

            >>> bar = Progress(3, enabled=False)
            >>> bar.step("loading")
            >>> bar.done
            1
        """
        self.update(self.done + 1, text)

    def callback(self, done: int, total: int) -> None:
        """A `(done, total)` progress callback for code that reports its own progress.

            >>> bar = Progress(1, enabled=False)
            >>> bar.callback(2, 10)
            >>> bar.done, bar.total
            (2, 10)
        """
        self.total = max(int(total), 1)
        self.update(done)

    @contextlib.contextmanager
    def waiting(self, interval: float = 0.2) -> Iterator[None]:
        """Redraw the bar every `interval` seconds while the body runs (no thread when not enabled).

            >>> bar = Progress(1, enabled=False)
            >>> with bar.waiting():
            ...     bar.step("computing")
            >>> bar.done
            1
        """
        if not self.enabled:
            yield
            return
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(interval):
                self._draw()

        thread = threading.Thread(target=tick, name="ghgkit-progress", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _draw(self) -> None:
        if not self.enabled:
            return
        filled = round(self.WIDTH * self.done / self.total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        what = f" {self.label}" if self.label else ""
        what += f": {self.text}" if self.text else ""
        line = f"\r[{bar}] {self.done}/{self.total}{what} ({time.monotonic() - self._start:.1f} s)"
        with self._lock:
            self.stream.write(line + "\x1b[K")  # clear what a longer previous line left
            self.stream.flush()
            self._drawn = True

    def close(self) -> None:
        """Erase the bar so that the command's own output starts on a clean line.

            >>> import io
            >>> out = io.StringIO()
            >>> bar = Progress(2, "report", stream=out, enabled=True)
            >>> bar.step("loading")
            >>> bar.close()
            >>> out.getvalue().endswith("\\r\\x1b[K")
            True
        """
        with self._lock:
            if self.enabled and self._drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
